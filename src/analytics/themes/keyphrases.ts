// Lemmatised keyphrases from free text (incident antecedents and narratives, concerns, complaints, speak-up reports,
// practice reviews), using wink-nlp's English lite model for tokens, parts of speech, lemmas and stop words.
// The model loads once, when this module is first imported; `extractPhrases` is then pure and fast.
import winkNLP, { type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model, ['pos']);
const its = nlp.its;

/**
 * Expressions that noun-phrase chunking misses (verbs, negations, hyphenated or split spellings), matched on the
 * lower-case words and written back in one canonical spelling, so "short staffed" and "short-staffed" count as one.
 */
const fixedExpressions: readonly (readonly [string, string])[] = [
  ['short staffed', 'short-staffed'],
  ['short-staffed', 'short-staffed'],
  ['short of staff', 'short-staffed'],
  ['understaffed', 'understaffed'],
  ['under-staffed', 'understaffed'],
  ['not enough staff', 'not enough staff'],
  ['no cover', 'no cover'],
  ['agency cover', 'agency cover'],
  ['rang in sick', 'staff sickness'],
  ['called in sick', 'staff sickness'],
  ['kitchen is locked', 'locked kitchen'],
  ['kitchen was locked', 'locked kitchen'],
  ['kitchen locked', 'locked kitchen'],
  ['locked kitchen', 'locked kitchen'],
  ['door is locked', 'locked door'],
  ['door was locked', 'locked door'],
  ['locked door', 'locked door'],
  ['outing cancelled', 'outing cancelled'],
  ['outing was cancelled', 'outing cancelled'],
  ['trip was off', 'trip cancelled'],
  ['trip cancelled', 'trip cancelled'],
  ['trip was cancelled', 'trip cancelled'],
  ['off the road', 'vehicle off the road'],
  ['fire alarm', 'fire alarm'],
  ['wi-fi', 'wi-fi'],
  ['wifi', 'wi-fi'],
];

/** Expressions indexed by their first word, each as its word sequence. */
const expressionsByFirst = new Map<string, { words: readonly string[]; phrase: string }[]>();
for (const [text, phrase] of fixedExpressions) {
  const words = text.split(' ');
  const list = expressionsByFirst.get(words[0]!) ?? [];
  list.push({ words, phrase });
  expressionsByFirst.set(words[0]!, list);
}

/** Nouns too general to be a keyphrase on their own or inside one (times, quantities, placeholders). */
const genericNouns = new Set([
  'name', 'time', 'times', 'day', 'days', 'today', 'tonight', 'yesterday', 'tomorrow', 'morning', 'afternoon', 'evening',
  'minute', 'minutes', 'hour', 'week', 'month', 'year', 'thing', 'way', 'bit', 'lot', 'one', 'someone', 'something',
  'anything', 'everyone', 'everything', 'people', 'person', 'am', 'pm', 'approx', 'am.', 'pm.', 'etc', 'request', 'rest',
  'end', 'start', 'side', 'part', 'number', 'kind', 'sort', 'level', 'place', 'area', 'couple', 'while',
]);

/**
 * Nouns that turn up in almost every note written in a support service ("staff supported him", "during the shift",
 * "body map, no marks"): too common to be a theme on their own, though they still make phrases ("agency staff",
 * "night shift", "support plan", "unexplained mark").
 */
const neverAlone = new Set(['staff', 'support', 'shift', 'other', 'others', 'mark', 'member', 'team', 'colleague', 'service', 'protocol', 'plan']);

const isNoun = (pos: string) => pos === 'NOUN';
const isModifier = (pos: string, normal: string) => pos === 'ADJ' || (pos === 'VERB' && normal.endsWith('ed'));
const wordLike = /^[a-z][a-z'’-]*[a-z]$/;

/** The model lemmatises to American spelling ("centre" → "center"); keep the writer's British "-re" ending. */
function britishLemma(written: string, lemma: string): string {
  if (lemma.endsWith('er') && (written === `${lemma.slice(0, -2)}re` || written === `${lemma.slice(0, -2)}res`)) return `${lemma.slice(0, -2)}re`;
  return lemma;
}

interface Word { normal: string; lemma: string; pos: string; isStop: boolean; isWord: boolean }

/** Tokens with hyphenated compounds ("short-staffed", "one-to-one", "wi-fi") joined back into one word. */
function wordsOf(text: string): Word[] {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  // wink-nlp's `its` helpers are plain functions (they never use `this`), and `out` is typed loosely.
  /* eslint-disable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion */
  const normals = tokens.out(its.normal) as string[];
  const values = tokens.out();
  // wink-nlp's typings give `its.lemma` an extra parameter that `out` does not accept; it works the same at run time.
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const poses = tokens.out(its.pos) as string[];
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const types = tokens.out(its.type) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  /* eslint-enable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion */
  const words: Word[] = [];
  for (let i = 0; i < normals.length; i += 1) {
    const normal = normals[i]!;
    // a-b(-c…) with no spaces around the hyphens is one word.
    if (normal === '-' && words.length && spaces[i] === '' && i + 1 < normals.length && spaces[i + 1] === '' && types[i + 1] === 'word' && words.at(-1)!.isWord) {
      const previous = words.pop()!;
      const next = normals[i + 1]!;
      const joined = `${previous.normal}-${next}`;
      words.push({ normal: joined, lemma: joined, pos: 'COMPOUND', isStop: false, isWord: true });
      i += 1;
      continue;
    }
    words.push({ normal, lemma: britishLemma(values[i]!.toLowerCase(), lemmas[i]!.toLowerCase()), pos: poses[i]!, isStop: stops[i]!, isWord: types[i] === 'word' });
  }
  return words;
}

/**
 * Lemmatised keyphrases of a text: lower case, stop words removed, each once. Nouns give their lemma ("minibus",
 * "kitchen"), a modifier or noun before a noun gives a two-word phrase ("fire alarm", "locked kitchen", "minibus
 * driver"), hyphenated compounds stay whole ("short-staffed"), and a few fixed expressions are recognised in
 * any spelling ("short staffed" → "short-staffed", "kitchen is locked" → "locked kitchen"). Names (proper nouns)
 * are left out, so a person's name never becomes a theme.
 */
export function extractPhrases(text: string): string[] {
  if (!text || !text.trim()) return [];
  const out = new Set<string>();
  // Notes repeat whole sentences ("Body map completed, no marks."), so each sentence's phrases are remembered.
  for (const sentence of text.split(sentenceBreak)) {
    if (!sentence) continue;
    let phrases = sentenceCache.get(sentence);
    if (!phrases) {
      phrases = sentencePhrases(sentence);
      if (sentenceCache.size >= SENTENCE_CACHE_SIZE) sentenceCache.clear();
      sentenceCache.set(sentence, phrases);
    }
    for (const phrase of phrases) out.add(phrase);
  }
  return [...out];
}

const sentenceBreak = /(?<=[.!?;])\s+/;
const SENTENCE_CACHE_SIZE = 100_000;
const sentenceCache = new Map<string, readonly string[]>();

function sentencePhrases(text: string): string[] {
  const words = wordsOf(text);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i += 1) {
    const candidates = expressionsByFirst.get(words[i]!.normal);
    if (!candidates) continue;
    for (const { words: seq, phrase } of candidates) {
      let k = 0;
      while (k < seq.length && i + k < words.length && words[i + k]!.normal === seq[k]) k += 1;
      if (k === seq.length) out.add(phrase);
    }
  }
  let previous: Word | null = null;
  for (const word of words) {
    const isContent = word.isWord && !word.isStop && wordLike.test(word.normal) && !genericNouns.has(word.lemma) && !genericNouns.has(word.normal);
    if (!isContent) { previous = null; continue; }
    if (word.pos === 'COMPOUND') {
      out.add(word.normal);
      previous = word;
      continue;
    }
    if (isNoun(word.pos)) {
      if (!neverAlone.has(word.lemma)) out.add(word.lemma);
      if (previous) out.add(`${previous.pos === 'NOUN' ? previous.lemma : previous.normal} ${word.lemma}`);
      previous = word;
      continue;
    }
    previous = isModifier(word.pos, word.normal) ? word : null;
  }
  return [...out];
}
