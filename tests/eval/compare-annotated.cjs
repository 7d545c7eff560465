// Scores the main text of our extraction (feedproc parse --kind html output) and of Mozilla Readability, run now on
// the same pages, against an annotated set in the layout of trafilatura's evaluation (github.com/adbar/trafilatura,
// tests/): evaldata.py maps each page's URL to its file in cache/ (or eval/), with snippets a person chose that must
// be in the main text ("with") and snippets that must not ("without").
//
// Scored as trafilatura's comparison scores it (evaluate_result in tests/comparison.py): a "with" snippet found is a
// true positive, missed a false negative; a "without" snippet found is a false positive, missed a true negative;
// precision, recall and F1 over all snippets of all pages. One difference, the same for both tools: whitespace is
// ignored when a snippet is looked for, since Readability's text keeps the page's line breaks.
// Where a page's entry also has a title or a date, they count as right as on Readability's suite: a title when equal
// (whitespace collapsed, case ignored), and again once a site name set off by a separator is set aside; a date when
// it names the same day.
'use strict';
const fs = require('fs');
const path = require('path');
const { tools, readOurs, scores, newTally, score } = require('./common.cjs');

const [setDir, pagesJson, oursFile, toolsDir] = process.argv.slice(2);
const { readability, textOf } = tools(toolsDir);
const pages = JSON.parse(fs.readFileSync(pagesJson, 'utf8')); // [{ url, file, path, with, without, title, date }]
const ours = readOurs(oursFile, (p) => path.basename(p));

const tallies = { ours: newTally(), readability: newTally() };

let withCount = 0;
let withoutCount = 0;
for (const page of pages) {
  const html = fs.readFileSync(page.path, 'utf8');
  withCount += page.with.length;
  withoutCount += page.without.length;
  for (const [tally, extraction] of [[tallies.readability, readability(html, page.url)], [tallies.ours, ours.get(path.basename(page.path)) || {}]])
    score(tally, page.file, textOf(extraction.content), extraction, page);
}

const ratio = (n, d) => `${(n / d).toFixed(3)} (${n}/${d})`;
const row = (name, t) => ({
  name, ...scores(t), 'pages with no text': t.empty,
  titles: ratio(t.titles, t.titled), 'titles, site name aside': ratio(t.titlesButSiteName, t.titled), dates: ratio(t.dates, t.dated),
});
console.log(`${pages.length} pages of ${path.resolve(setDir)}, ${withCount} snippets that must be in the text, ${withoutCount} that must not`);
console.table([row('feedproc', tallies.ours), row('Readability 0.6.0', tallies.readability)]);
fs.writeFileSync(path.join(toolsDir, 'failures-annotated.json'), JSON.stringify({ ours: tallies.ours.failures, readability: tallies.readability.failures }, null, 1));
console.log(`Per-page misses: ${path.join(toolsDir, 'failures-annotated.json')}`);
