// The one name a placeholder's answers are kept under, however it is written.
// On its own, without the shell parser: the texts that only name placeholders
// (an alert's labels as defaults, the postmortem's hand-typed commands) must
// not load the parser's WebAssembly.

/** The name answers are kept under: `<Node_Name>`, `$NODE_NAME`, `YOUR_NODE_NAME`, `node_name_here` -> `node-name`. */
export function placeholderName(text: string): string {
  return text
    .replace(/^YOUR[_-]/i, '')
    .replace(/[_-]here$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
