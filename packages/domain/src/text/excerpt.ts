const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** Punctuation and spaces that should not end a shortened text just before its ellipsis. */
const TRAILING = /[\s,;:.!?–—-]+$/u;

/**
 * The start of `text`, at most `max` characters long including the ellipsis it ends with when
 * something was left out: "Đèn đường ở ngã ba thôn Lương Ngọc bị hỏng…" rather than
 * "Đèn đường ở ngã ba thôn Lương Ng". It ends at the last word boundary that fits; only a first
 * word longer than the whole room is cut inside, and never inside a letter (a letter with its
 * marks, an emoji). The text is NFC-normalised; runs of whitespace become one space, or, with
 * `lines` (a mail body), line breaks stay and only the spaces within a line are collapsed.
 */
export function excerpt(text: string, max: number, options: { lines?: boolean } = {}): string {
  const normal = text.normalize('NFC');
  const flat = options.lines
    ? normal
        .replace(/[^\S\n]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .trim()
    : normal.replace(/\s+/g, ' ').trim();
  const letters = Array.from(graphemes.segment(flat), (s) => s.segment);
  if (letters.length <= max) return flat;
  if (max < 1) return '';
  const room = letters.slice(0, max - 1);
  const isBoundary = (letter: string | undefined) => letter === ' ' || letter === '\n';
  // a boundary: right after the room (its last word then fits whole), or the last one inside it
  let end = room.length;
  if (!isBoundary(letters[max - 1])) {
    end = room.length - 1;
    while (end > 0 && !isBoundary(room[end])) end--;
  }
  // no boundary at all: the first word alone is longer than the room
  const kept = end > 0 ? room.slice(0, end) : room;
  return `${kept.join('').replace(TRAILING, '')}…`;
}
