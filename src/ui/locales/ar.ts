/*
 * Register. Arabic: Modern Standard Arabic, right to left. Address is avoided where a noun works
 * (إرسال, إعادة المحاولة); where it cannot be, the customary generic masculine is used.
 * Plural forms cover all six Arabic categories (zero, one, two, few, many, other).
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in Arabic. */
export default {
  closeChat: 'إغلاق المحادثة',
  title: 'محادثة',
  message: 'رسالة',
  placeholder: 'اكتب رسالتك',
  send: 'إرسال',
  typing: 'المساعد يكتب…',
  you: 'أنت',
  assistant: 'المساعد',
  sending: 'جارٍ الإرسال…',
  queued: 'في انتظار الإرسال',
  notSent: 'لم تُرسَل',
  retry: 'إعادة المحاولة',
  handoff: 'سيرد عليك أحد أعضاء فريقنا',
  menu: 'خيارات إضافية',
  newConversation: 'محادثة جديدة',
  unread: {
    zero: 'لا رسائل غير مقروءة',
    one: 'رسالة واحدة غير مقروءة',
    two: 'رسالتان غير مقروءتين',
    few: '{count}\u00a0رسائل غير مقروءة',
    many: '{count}\u00a0رسالة غير مقروءة',
    other: '{count}\u00a0رسالة غير مقروءة',
  },
  offline: 'لا يوجد اتصال بالإنترنت. ستُرسَل الرسائل عند عودة الاتصال.',
  errorNetwork: 'تعذّر الوصول إلى المساعد.',
  errorTimeout: 'استغرق المساعد وقتًا طويلًا للرد.',
  errorBusy: 'المساعد مشغول. يُرجى المحاولة مرة أخرى بعد قليل.',
  errorBusyFor: 'المساعد مشغول. يُرجى المحاولة مرة أخرى بعد {seconds}\u00a0ث.',
  errorUpstream: 'المساعد غير متاح حاليًا.',
  errorRejected: 'تعذّر إرسال هذه الرسالة.',
  errorProtocol: 'حدث خطأ من جهتنا.',
  starters: 'أسئلة مقترحة',
  helpful: 'مفيد',
  notHelpful: 'غير مفيد',
  copy: 'نسخ',
  copyReply: 'نسخ الرد',
  copyCode: 'نسخ الرمز',
  copied: 'تم النسخ',
  transcript: 'تنزيل المحادثة',
  earlier: 'عرض الرسائل السابقة',
} satisfies LocaleStrings;
