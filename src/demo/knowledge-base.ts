/**
 * The demo assistant's knowledge base: short help-centre articles for a made-up shop, in English
 * and German. Each article carries `topics`, the tags Quickchat lets you put on knowledge-base
 * articles and filter by with `client_metadata.kb_topic` (source document, "kb_topic"), and keywords
 * in both languages that `answer.ts` matches the visitor's text against.
 */

/** A language the demo assistant answers in. */
export type DemoLanguage = 'en' | 'de';

/** A text in each language the demo speaks. */
export type Bilingual<T> = Record<DemoLanguage, T>;

/** One article of the demo knowledge base. */
export interface Article {
  /** Stable id, used in tests and the assistant's turn log. */
  readonly id: string;
  /** The `kb_topic` values this article is tagged with. */
  readonly topics: readonly string[];
  /** Short title, listed when the assistant says what it can talk about. */
  readonly title: Bilingual<string>;
  /**
   * Words and phrases that point to this article. A phrase of several words counts for more than a
   * single word; see `answer.ts` for how they match inside German compounds.
   */
  readonly keywords: Bilingual<readonly string[]>;
  /** The answer, one entry per line; joined with `<br>` as Quickchat's replies are. */
  readonly body: Bilingual<readonly string[]>;
}

/** Display names of the topics, for the assistant's "I can talk about …" lines. */
export const TOPIC_NAMES: Readonly<Record<string, Bilingual<string>>> = {
  billing: { en: 'billing', de: 'Rechnung & Zahlung' },
  shipping: { en: 'shipping', de: 'Versand' },
  returns: { en: 'returns', de: 'Rücksendungen' },
  account: { en: 'your account', de: 'Ihr Konto' },
  privacy: { en: 'privacy', de: 'Datenschutz' },
};

/** The articles, in the order that breaks ties between equally good matches. */
export const ARTICLES: readonly Article[] = [
  {
    id: 'invoices',
    topics: ['billing'],
    title: { en: 'Invoices', de: 'Rechnungen' },
    keywords: {
      en: ['invoice', 'receipt', 'bill', 'vat', 'tax', 'billing address'],
      de: ['rechnung', 'beleg', 'quittung', 'mwst', 'mehrwertsteuer', 'rechnungsadresse'],
    },
    body: {
      en: [
        'Your invoices are in your account under Orders → Invoices, as PDF.',
        'Each invoice shows the VAT. To change the billing address, edit it before the order ships.',
      ],
      de: [
        'Ihre Rechnungen finden Sie im Kundenkonto unter Bestellungen → Rechnungen, als PDF.',
        'Jede Rechnung weist die MwSt. aus. Die Rechnungsadresse können Sie bis zum Versand ändern.',
      ],
    },
  },
  {
    id: 'payment-methods',
    topics: ['billing'],
    title: { en: 'Payment methods', de: 'Zahlungsarten' },
    keywords: {
      en: ['payment', 'pay', 'credit card', 'card', 'paypal', 'sepa', 'direct debit'],
      de: ['zahlung', 'bezahl', 'zahlen', 'kreditkarte', 'karte', 'lastschrift', 'zahlungsart'],
    },
    body: {
      en: [
        'We accept **Visa, Mastercard, PayPal and SEPA direct debit**.',
        'Cards are charged when your order ships; direct debit is collected after 3 days.',
      ],
      de: [
        'Wir akzeptieren **Visa, Mastercard, PayPal und SEPA-Lastschrift**.',
        'Karten werden beim Versand belastet; die Lastschrift wird nach 3 Tagen eingezogen.',
      ],
    },
  },
  {
    id: 'plans',
    topics: ['billing', 'account'],
    title: { en: 'Plans and subscriptions', de: 'Tarife und Abos' },
    keywords: {
      en: ['plan', 'subscription', 'subscribe', 'upgrade', 'downgrade', 'cancel', 'price'],
      de: ['tarif', 'abo', 'abonnement', 'kündig', 'preis', 'upgrade', 'wechseln'],
    },
    body: {
      en: [
        'You can switch plans at any time under Account → Plan.',
        'An upgrade applies at once and is charged pro rata; a downgrade applies at the next renewal.',
        'Cancelling stops the next renewal; you keep access until the period ends.',
      ],
      de: [
        'Sie können den Tarif jederzeit unter Konto → Tarif wechseln.',
        'Ein Upgrade gilt sofort und wird anteilig berechnet; ein Downgrade zur nächsten Verlängerung.',
        'Eine Kündigung beendet die nächste Verlängerung; der Zugang bleibt bis zum Ende der Laufzeit.',
      ],
    },
  },
  {
    id: 'refunds',
    topics: ['billing', 'returns'],
    title: { en: 'Refunds', de: 'Erstattungen' },
    keywords: {
      en: ['refund', 'money back', 'charged twice', 'double charge', 'reimburse'],
      de: ['erstattung', 'geld zurück', 'doppelt', 'zurückbuchen', 'gutschrift'],
    },
    body: {
      en: [
        'Refunds go back to the payment method you used, within 5 business days of our approval.',
        'Charged twice? That is usually a card pre-authorisation; it disappears within 7 days.',
      ],
      de: [
        'Erstattungen gehen auf die verwendete Zahlungsart zurück, binnen 5 Werktagen nach Freigabe.',
        'Doppelt belastet? Meist ist das eine Vorautorisierung der Karte; sie verfällt binnen 7 Tagen.',
      ],
    },
  },
  {
    id: 'delivery-times',
    topics: ['shipping'],
    title: { en: 'Delivery times', de: 'Lieferzeiten' },
    keywords: {
      en: ['delivery', 'deliver', 'how long', 'arrive', 'dispatch', 'shipping time'],
      de: ['lieferzeit', 'lieferung', 'liefer', 'wie lange', 'dauert', 'ankommen', 'ankunft'],
    },
    body: {
      en: [
        'Orders placed before 2 pm ship the same business day.',
        'Delivery takes 1–2 business days in Germany and 3–5 within the EU.',
      ],
      de: [
        'Bestellungen bis 14 Uhr verlassen unser Lager am selben Werktag.',
        'Die Lieferung dauert in Deutschland 1–2 Werktage, innerhalb der EU 3–5.',
      ],
    },
  },
  {
    id: 'shipping-costs',
    topics: ['shipping'],
    title: { en: 'Shipping costs', de: 'Versandkosten' },
    keywords: {
      en: ['shipping cost', 'shipping fee', 'cost', 'free shipping', 'postage', 'express'],
      de: ['versandkosten', 'porto', 'kostenlos', 'versandkostenfrei', 'kostet', 'gebühr'],
    },
    body: {
      en: [
        'Shipping within Germany costs €4.90 and is free from €50.',
        'EU shipping costs €9.90. Express delivery is €12.90 extra.',
      ],
      de: [
        'Der Versand innerhalb Deutschlands kostet 4,90 € und ist ab 50 € kostenlos.',
        'In die EU kostet er 9,90 €. Expressversand kostet 12,90 € extra.',
      ],
    },
  },
  {
    id: 'tracking',
    topics: ['shipping'],
    title: { en: 'Tracking your order', de: 'Sendungsverfolgung' },
    keywords: {
      en: ['track', 'tracking', 'where is my order', 'parcel', 'package', 'not arrived'],
      de: ['sendung', 'verfolg', 'paket', 'wo ist', 'nicht angekommen', 'trackingnummer'],
    },
    body: {
      en: [
        'As soon as your parcel leaves us, we email you a tracking link.',
        'Not arrived after 5 business days? Reply to that email and we will ask the carrier.',
      ],
      de: [
        'Sobald Ihr Paket unser Lager verlässt, schicken wir Ihnen einen Link zur Sendungsverfolgung.',
        'Nach 5 Werktagen nicht angekommen? Antworten Sie auf die E-Mail, wir fragen beim Versender nach.',
      ],
    },
  },
  {
    id: 'international',
    topics: ['shipping'],
    title: { en: 'Shipping abroad', de: 'Versand ins Ausland' },
    keywords: {
      en: ['international', 'abroad', 'country', 'countries', 'customs', 'switzerland', 'austria'],
      de: ['ausland', 'international', 'länder', 'welches land', 'zoll', 'schweiz', 'österreich'],
    },
    body: {
      en: [
        'We ship to all EU countries, Switzerland, Norway and the United Kingdom.',
        'Outside the EU, customs duties are charged by the carrier on delivery.',
      ],
      de: [
        'Wir liefern in alle EU-Länder, in die Schweiz, nach Norwegen und ins Vereinigte Königreich.',
        'Außerhalb der EU erhebt der Versender bei Zustellung die Zollgebühren.',
      ],
    },
  },
  {
    id: 'return-policy',
    topics: ['returns'],
    title: { en: 'Return policy', de: 'Rückgaberecht' },
    keywords: {
      en: ['return', 'send back', 'exchange', 'money-back', 'withdraw'],
      de: [
        'rücksend',
        'zurückschicken',
        'zurücksenden',
        'umtausch',
        'retoure',
        'widerruf',
        'rückgabe',
      ],
    },
    body: {
      en: [
        'You can return any item within 30 days of delivery, unused and in its original packaging.',
        'Exchanges for another size or colour are free.',
      ],
      de: [
        'Sie können jeden Artikel binnen 30 Tagen nach Lieferung unbenutzt und originalverpackt zurückgeben.',
        'Ein Umtausch in eine andere Größe oder Farbe ist kostenlos.',
      ],
    },
  },
  {
    id: 'return-label',
    topics: ['returns', 'shipping'],
    title: { en: 'Return labels', de: 'Rücksendeetikett' },
    keywords: {
      en: ['label', 'return label', 'print', 'drop off'],
      de: ['etikett', 'retourenschein', 'rücksendeetikett', 'drucken', 'abgeben'],
    },
    body: {
      en: [
        'Create a free return label under Orders → Return an item, then print it.',
        'No printer? Choose the QR code and show it at any parcel shop.',
      ],
      de: [
        'Erstellen Sie ein kostenloses Rücksendeetikett unter Bestellungen → Artikel zurücksenden.',
        'Kein Drucker? Wählen Sie den QR-Code und zeigen Sie ihn in einem Paketshop vor.',
      ],
    },
  },
  {
    id: 'password',
    topics: ['account'],
    title: { en: 'Password and sign-in', de: 'Passwort und Anmeldung' },
    keywords: {
      en: ['password', 'forgot', 'reset', 'log in', 'login', 'sign in', 'locked out'],
      de: [
        'passwort',
        'kennwort',
        'vergessen',
        'zurücksetzen',
        'anmelden',
        'anmeldung',
        'einloggen',
      ],
    },
    body: {
      en: [
        'Choose “Forgot password?” on the sign-in page; we email you a link that is valid for 1 hour.',
        'After 5 wrong attempts, sign-in pauses for 15 minutes.',
      ],
      de: [
        'Wählen Sie auf der Anmeldeseite „Passwort vergessen?“; der Link per E-Mail gilt 1 Stunde.',
        'Nach 5 Fehlversuchen ist die Anmeldung 15 Minuten lang gesperrt.',
      ],
    },
  },
  {
    id: 'profile',
    topics: ['account'],
    title: { en: 'Email address and profile', de: 'E-Mail-Adresse und Profil' },
    keywords: {
      en: ['email', 'e-mail', 'profile', 'change my address', 'username', 'name'],
      de: ['e-mail', 'email', 'profil', 'adresse ändern', 'benutzername', 'name'],
    },
    body: {
      en: [
        'Change your email address, name and delivery addresses under Account → Profile.',
        'A new email address becomes active once you confirm the link we send to it.',
      ],
      de: [
        'E-Mail-Adresse, Name und Lieferadressen ändern Sie unter Konto → Profil.',
        'Eine neue E-Mail-Adresse gilt, sobald Sie den Link bestätigen, den wir an sie senden.',
      ],
    },
  },
  {
    id: 'delete-account',
    topics: ['account', 'privacy'],
    title: { en: 'Deleting your account', de: 'Konto löschen' },
    keywords: {
      en: ['delete', 'close my account', 'delete account', 'remove account', 'deactivate'],
      de: ['löschen', 'konto löschen', 'account löschen', 'deaktivieren'],
    },
    body: {
      en: [
        'Delete your account under Account → Privacy → Delete account.',
        'We erase your personal data within 30 days; invoices are kept for 10 years as tax law requires.',
      ],
      de: [
        'Ihr Konto löschen Sie unter Konto → Datenschutz → Konto löschen.',
        'Wir löschen Ihre Daten binnen 30 Tagen; Rechnungen bewahren wir wegen des Steuerrechts 10 Jahre auf.',
      ],
    },
  },
  {
    id: 'data-protection',
    topics: ['privacy'],
    title: { en: 'How we use your data', de: 'Wie wir Ihre Daten nutzen' },
    keywords: {
      en: ['privacy', 'personal data', 'data', 'gdpr', 'cookie', 'tracking cookies', 'newsletter'],
      de: ['datenschutz', 'persönliche daten', 'daten', 'dsgvo', 'cookie', 'newsletter'],
    },
    body: {
      en: [
        'We use your data only to process orders and, if you agree, for the newsletter.',
        'Details are in our [privacy notice](https://example.com/privacy). Our data protection officer: privacy@example.com.',
      ],
      de: [
        'Wir nutzen Ihre Daten nur zur Abwicklung von Bestellungen und, wenn Sie zustimmen, für den Newsletter.',
        'Einzelheiten in unserer [Datenschutzerklärung](https://example.com/datenschutz). Unser Datenschutzbeauftragter: privacy@example.com.',
      ],
    },
  },
  {
    id: 'data-export',
    topics: ['privacy'],
    title: { en: 'A copy of your data', de: 'Auskunft über Ihre Daten' },
    keywords: {
      en: ['export', 'copy of my data', 'download my data', 'what data', 'access request'],
      de: ['auskunft', 'export', 'kopie meiner daten', 'welche daten', 'herunterladen'],
    },
    body: {
      en: [
        'Request a copy of your data under Account → Privacy → Export.',
        'You receive a download link by email within 48 hours (GDPR Art. 15).',
      ],
      de: [
        'Eine Kopie Ihrer Daten fordern Sie unter Konto → Datenschutz → Export an.',
        'Den Download-Link erhalten Sie binnen 48 Stunden per E-Mail (Art. 15 DSGVO).',
      ],
    },
  },
];
