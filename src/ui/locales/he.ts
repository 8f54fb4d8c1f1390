/*
 * Register. Hebrew: right to left, gender-neutral as Israeli UIs write it: action nouns for buttons
 * (שליחה, סגירה), impersonal plural for instructions (כאן כותבים), את/ה for "you" as
 * WhatsApp does.
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in Hebrew. */
export default {
  closeChat: 'סגירת הצ׳אט',
  title: 'צ׳אט',
  message: 'הודעה',
  placeholder: 'כאן כותבים הודעה',
  send: 'שליחה',
  typing: 'העוזר מקליד…',
  you: 'את/ה',
  assistant: 'העוזר',
  sending: 'בשליחה…',
  queued: 'ממתינה לשליחה',
  notSent: 'לא נשלחה',
  retry: 'ניסיון חוזר',
  handoff: 'מישהו מהצוות שלנו יענה לך',
  menu: 'אפשרויות נוספות',
  newConversation: 'שיחה חדשה',
  unread: {
    one: 'הודעה אחת שלא נקראה',
    two: 'שתי הודעות שלא נקראו',
    many: '{count}\u00a0הודעות שלא נקראו',
    other: '{count}\u00a0הודעות שלא נקראו',
  },
  offline: 'אין חיבור לאינטרנט. ההודעות יישלחו כשהחיבור יחזור.',
  errorNetwork: 'לא ניתן להתחבר לעוזר.',
  errorTimeout: 'לעוזר לקח יותר מדי זמן לענות.',
  errorBusy: 'העוזר עמוס כרגע. כדאי לנסות שוב בעוד רגע.',
  errorBusyFor: 'העוזר עמוס כרגע. כדאי לנסות שוב בעוד {seconds}\u00a0שנ׳.',
  errorUpstream: 'העוזר אינו זמין כרגע.',
  errorRejected: 'לא ניתן היה לשלוח את ההודעה.',
  errorProtocol: 'משהו השתבש אצלנו.',
  starters: 'שאלות מוצעות',
  helpful: 'מועיל',
  notHelpful: 'לא מועיל',
  copy: 'העתקה',
  copyReply: 'העתקת התשובה',
  copyCode: 'העתקת הקוד',
  copied: 'הועתק',
  transcript: 'הורדת השיחה',
  earlier: 'הצגת הודעות קודמות',
} satisfies LocaleStrings;
