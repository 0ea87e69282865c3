// What the skill says when a guest opens it by voice. Calling itself is Alexa's own voice feature
// ("Alexa, call the front desk" reaches the address-book contact of that name), so the skill only
// explains it. Keep the phrase in step with the contact's name in the property's address book.

interface Phrases {
  help: string;
  goodbye: string;
  problem: string;
}

const PHRASES: Record<string, Phrases> = {
  en: {
    help: "This skill connects your room's Echo to the front desk. To reach the desk, say: Alexa, call the front desk.",
    goodbye: 'Goodbye.',
    problem: 'Sorry, something went wrong. To reach the desk, say: Alexa, call the front desk.',
  },
  de: {
    help: 'Dieser Skill verbindet das Echo in Ihrem Zimmer mit der Rezeption. Um die Rezeption zu erreichen, sagen Sie: Alexa, ruf die Rezeption an.',
    goodbye: 'Auf Wiederhören.',
    problem: 'Entschuldigung, etwas ist schiefgelaufen. Um die Rezeption zu erreichen, sagen Sie: Alexa, ruf die Rezeption an.',
  },
  fr: {
    help: "Cette skill relie l'Echo de votre chambre à la réception. Pour joindre la réception, dites : Alexa, appelle la réception.",
    goodbye: 'Au revoir.',
    problem: "Désolé, un problème est survenu. Pour joindre la réception, dites : Alexa, appelle la réception.",
  },
  it: {
    help: "Questa skill collega l'Echo della tua camera alla reception. Per contattare la reception, di': Alexa, chiama la reception.",
    goodbye: 'Arrivederci.',
    problem: "Scusa, qualcosa è andato storto. Per contattare la reception, di': Alexa, chiama la reception.",
  },
  es: {
    help: 'Esta skill conecta el Echo de tu habitación con la recepción. Para hablar con la recepción, di: Alexa, llama a recepción.',
    goodbye: 'Adiós.',
    problem: 'Lo siento, algo ha salido mal. Para hablar con la recepción, di: Alexa, llama a recepción.',
  },
};

/** Phrases for a request locale such as "de-DE"; English when the language is not covered. */
export function phrasesFor(locale: string | undefined): Phrases {
  const language = (locale ?? 'en').slice(0, 2).toLowerCase();
  return PHRASES[language] ?? PHRASES.en;
}
