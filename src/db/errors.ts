// A write the user (or a page) asked for that cannot be done as asked. Its message is shown as is,
// so it says what was wrong in plain words; anything else thrown is an unexpected failure.
export class WriteRejected extends Error {
  override name = 'WriteRejected';
}

export function notSaved(id: string): WriteRejected {
  return new WriteRejected(`The paper "${id}" is not in your reading list.`);
}
