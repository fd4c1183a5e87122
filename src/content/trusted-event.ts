// Only the user acts: a page script can dispatch clicks and keys on our hosts, but the browser
// marks those events untrusted, and they must save or tag nothing.
export function isTrustedEvent(event: Event): boolean {
  return event.isTrusted === true;
}
