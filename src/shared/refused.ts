// The one error for "refused, nothing changed": a request, record or file that cannot be done or
// read as asked, detected before anything was written (or inside a transaction that then rolled
// back). Its message is shown to the user as is, so it says what was wrong in plain words.
// Anything else thrown is an unexpected failure. Every layer (formats, db, background, popup)
// throws and catches this same class; nothing converts it into another.
export class Refused extends Error {
  override name = 'Refused';
}

export function notSaved(id: string): Refused {
  return new Refused(`The paper "${id}" is not in your reading list.`);
}
