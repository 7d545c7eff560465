// Scores main text, titles and dates of our extraction (feedproc parse --kind html output) and of Mozilla
// Readability run now on the same pages, against each page's expected.html and expected-metadata.json.
//
// Main text is scored as trafilatura's published comparison scores it: each page has snippets that must be in the
// extraction ("with": text of the expected main content) and snippets that must not ("without": text of the page
// that is not in the expected content). A "with" snippet found is a true positive, missed a false negative; a
// "without" snippet found is a false positive. Precision, recall and F1 are over all snippets of all pages.
// Titles count as right when equal after collapsing whitespace (case-insensitive), and again when equal once a site
// name set off by a separator is set aside (the expected titles keep "… | eHow", which we remove on purpose). Dates
// count as right when the day is the same, over the pages whose expected metadata has a date.
'use strict';
const fs = require('fs');
const path = require('path');
const { tools, squeeze, readOurs, scores, newTally, score } = require('./common.cjs');

const [pagesDir, oursFile, toolsDir] = process.argv.slice(2);
const { dom, readability, textOf } = tools(toolsDir);

const SNIPPETS_PER_PAGE = 10; // at most, each of "with" and "without", spread evenly over the page
const MIN_SNIPPET = 20;       // characters without whitespace; shorter texts say nothing about the extraction
const SNIPPET_LENGTH = 60;
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, td, th, pre, blockquote, figcaption, dd, dt, div, section, article, caption';

/** Texts of the blocks that hold no other block: the page's lines. */
function lines(document) {
  const root = document.body || document.documentElement;
  root.querySelectorAll('script, style, noscript, template').forEach((e) => e.remove());
  const result = [];
  for (const block of root.querySelectorAll(BLOCKS)) {
    if (block.querySelector(BLOCKS)) continue;
    const text = squeeze(block.textContent);
    if (text.length >= MIN_SNIPPET) result.push(text);
  }
  return result;
}

/** The middle of a line, so that a snippet tests the line without depending on where a block begins or ends. */
function snippet(text) {
  if (text.length <= SNIPPET_LENGTH) return text;
  const start = Math.floor((text.length - SNIPPET_LENGTH) / 2);
  return text.slice(start, start + SNIPPET_LENGTH);
}

function spread(items) {
  if (items.length <= SNIPPETS_PER_PAGE) return items;
  return Array.from({ length: SNIPPETS_PER_PAGE }, (_, i) => items[Math.floor((i * items.length) / SNIPPETS_PER_PAGE)]);
}

function annotate(source, expected) {
  const expectedText = squeeze(dom(expected).window.document.body.textContent);
  const withSnippets = spread([...new Set(lines(dom(expected).window.document).map(snippet))]);
  const without = lines(dom(source).window.document).filter((line) => !expectedText.includes(line));
  const withoutSnippets = spread([...new Set(without.map(snippet))].filter((s) => !expectedText.includes(s)));
  return { withSnippets, withoutSnippets };
}

function summary(name, t) {
  return {
    name,
    ...scores(t),
    titles: `${(t.titles / t.titled).toFixed(3)} (${t.titles}/${t.titled})`,
    'titles, site name aside': `${(t.titlesButSiteName / t.titled).toFixed(3)} (${t.titlesButSiteName}/${t.titled})`,
    dates: `${(t.dates / t.dated).toFixed(3)} (${t.dates}/${t.dated})`,
    'dates where none expected': t.extraDates,
  };
}

const ours = readOurs(oursFile, (p) => path.basename(path.dirname(p)));

const tallies = { ours: newTally(), readability: newTally() };
let snippetsWith = 0;
let snippetsWithout = 0;
const pages = fs.readdirSync(pagesDir).filter((p) => fs.existsSync(path.join(pagesDir, p, 'expected.html'))).sort();
for (const page of pages) {
  const source = fs.readFileSync(path.join(pagesDir, page, 'source.html'), 'utf8');
  const expected = fs.readFileSync(path.join(pagesDir, page, 'expected.html'), 'utf8');
  const meta = JSON.parse(fs.readFileSync(path.join(pagesDir, page, 'expected-metadata.json'), 'utf8'));
  const annotation = annotate(source, expected);
  snippetsWith += annotation.withSnippets.length;
  snippetsWithout += annotation.withoutSnippets.length;

  const wanted = { with: annotation.withSnippets, without: annotation.withoutSnippets, title: meta.title, date: meta.publishedTime };
  for (const [tally, extraction] of [[tallies.readability, readability(source)], [tallies.ours, ours.get(page) || {}]])
    score(tally, page, textOf(extraction.content), extraction, wanted);
}

console.log(`${pages.length} pages, ${snippetsWith} snippets that must be in the text, ${snippetsWithout} that must not`);
console.table([summary('feedproc', tallies.ours), summary('Readability 0.6.0', tallies.readability)]);
fs.writeFileSync(path.join(toolsDir, 'failures.json'), JSON.stringify({ ours: tallies.ours.failures, readability: tallies.readability.failures }, null, 1));
console.log(`Per-page misses: ${path.join(toolsDir, 'failures.json')}`);
