// A person's export read to the end, as one text: what a test parses, where the routes stream the pieces.
export async function exportText(pieces: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += piece;
  return text;
}
