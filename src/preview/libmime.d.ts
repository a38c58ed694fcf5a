// libmime ships no types; the one function the studio uses.
declare module 'libmime' {
  const libmime: { decodeWords(value: string): string };
  export default libmime;
}
