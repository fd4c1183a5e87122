// Saves text as a file: a Blob URL on an <a download>, no permission needed, and no page text is
// ever parsed as HTML.
export function downloadText(name: string, mime: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Firefox starts the download asynchronously; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
