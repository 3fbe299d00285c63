// eslint-disable-next-line no-control-regex
const RAW_IN_JSON = /[\u007f-\u009f]/g;

/**
 * The JSON document qaly writes (files and `--json`): two-space indented, one line feed at the end,
 * and no control character raw. JSON.stringify escapes those below a space itself (`\u001b`) but
 * leaves DEL and the C1 controls (U+007F to U+009F, e.g. CSI) raw, which a terminal showing the file
 * may obey and which the command line's output filter would turn into text that is no longer JSON;
 * here they are `\u009b`-style escapes too, so the document reads back to the same values.
 *
 * @param value - what to write (plain data)
 * @returns the JSON text
 * @example
 * jsonText({ strategy: "A\u009b2J" }) // => '{\n  "strategy": "A\\u009b2J"\n}\n'
 */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
