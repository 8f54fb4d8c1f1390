/*
 * Register. Turkish: "siz" in sentences addressed to the visitor, as Turkish shops do; buttons use the
 * short imperative (Gönder, Tekrar dene), which is the convention for Turkish UI labels.
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in Turkish. */
export default {
  closeChat: 'Sohbeti kapat',
  title: 'Sohbet',
  message: 'Mesaj',
  placeholder: 'Mesajınızı yazın',
  send: 'Gönder',
  typing: 'Asistan yazıyor…',
  you: 'Siz',
  assistant: 'Asistan',
  sending: 'Gönderiliyor…',
  queued: 'Gönderilmeyi bekliyor',
  notSent: 'Gönderilmedi',
  retry: 'Tekrar dene',
  handoff: 'Ekibimizden biri size yanıt verecek',
  menu: 'Diğer seçenekler',
  newConversation: 'Yeni sohbet',
  unread: { one: '{count}\u00a0okunmamış mesaj', other: '{count}\u00a0okunmamış mesaj' },
  offline: 'Çevrimdışısınız. Bağlantı geri geldiğinde mesajlar gönderilecek.',
  errorNetwork: 'Asistana ulaşılamadı.',
  errorTimeout: 'Asistanın yanıtı çok uzun sürdü.',
  errorBusy: 'Asistan şu anda meşgul. Lütfen birazdan tekrar deneyin.',
  errorBusyFor: 'Asistan şu anda meşgul. Lütfen {seconds}\u00a0sn sonra tekrar deneyin.',
  errorUpstream: 'Asistan şu anda kullanılamıyor.',
  errorRejected: 'Bu mesaj gönderilemedi.',
  errorProtocol: 'Bizim tarafımızda bir sorun oluştu.',
  starters: 'Önerilen sorular',
  helpful: 'Faydalı',
  notHelpful: 'Faydalı değil',
  copy: 'Kopyala',
  copyReply: 'Yanıtı kopyala',
  copyCode: 'Kodu kopyala',
  copied: 'Kopyalandı',
  transcript: 'Sohbeti indir',
  earlier: 'Önceki mesajları göster',
} satisfies LocaleStrings;
