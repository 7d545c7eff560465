#!/usr/bin/env bash
# Article extraction, ours next to Mozilla Readability's, run side by side on the same pages.
# Usage: tests/eval/run.sh [FOLDER [PAGE_LIST]]
#   FOLDER with page folders (source.html, expected.html, expected-metadata.json): Readability's own test pages;
#     the default is ../shared/eval/readability-test-pages next to the checkout.
#   FOLDER with evaldata.py and cache/ (or eval/): a set annotated by people, in the layout of trafilatura's
#     evaluation (the tests/ folder of github.com/adbar/trafilatura); pages whose file is missing are left out, and
#     with PAGE_LIST (one file name a line) only the pages it names are scored.
# Needs .NET and Node 20 with npm (and python3 for evaldata.py); installs @mozilla/readability 0.6.0 and jsdom 20.0.2
# into .tools/eval.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
set_dir=${1:-}
if [[ -z $set_dir ]]; then
  for candidate in "$root/../shared/eval/readability-test-pages" "$root/../../shared/eval/readability-test-pages"; do
    [[ -d $candidate ]] && set_dir=$(cd "$candidate" && pwd) && break
  done
fi
[[ -d ${set_dir:-} ]] || { echo "eval: no pages folder; pass it as the first argument" >&2; exit 2; }
set_dir=$(cd "$set_dir" && pwd)
page_list=${2:+$(cd "$(dirname "$2")" && pwd)/$(basename "$2")}

tools=$root/.tools/eval
if [[ ! -d $tools/node_modules/@mozilla/readability || ! -d $tools/node_modules/jsdom ]]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent @mozilla/readability@0.6.0 jsdom@20.0.2 >&2
fi

dotnet build "$root/src/FeedProcessor.Cli" -c Release -v quiet -nologo >&2
feedproc=("dotnet" "$root/src/FeedProcessor.Cli/bin/Release/net10.0/feedproc.dll")
ours=$tools/ours.ndjson

if [[ -f $set_dir/evaldata.py ]]; then
  pages=$tools/annotated-pages.json
  # evaldata.py is one Python literal (EVAL_PAGES = {url: {file, with, without, ...}}): read it as data, never run it.
  python3 - "$set_dir" "$pages" "${page_list:-}" <<'PY'
import ast, json, os, sys
set_dir, out, page_list = sys.argv[1], sys.argv[2], sys.argv[3]
source = open(os.path.join(set_dir, 'evaldata.py'), encoding='utf-8').read()
entries = ast.literal_eval(source.split('EVAL_PAGES =', 1)[1].strip())
wanted = {line.strip() for line in open(page_list, encoding='utf-8') if line.strip()} if page_list else None
pages = []
for url, entry in entries.items():
    if wanted is not None and entry['file'] not in wanted:
        continue
    for folder in ('cache', 'eval'):
        path = os.path.join(set_dir, folder, entry['file'])
        if os.path.isfile(path):
            pages.append({'url': url, 'file': entry['file'], 'path': path,
                          'with': entry.get('with', []), 'without': entry.get('without', []),
                          'title': entry.get('title') or None, 'date': entry.get('date') or None})
            break
print(f'{len(pages)} of {len(entries)} annotated pages are present', file=sys.stderr)
json.dump(pages, open(out, 'w', encoding='utf-8'), ensure_ascii=False)
PY
  # One process reads every page, as `feedproc parse` reads saved pages for users.
  node -e 'for (const p of require(process.argv[1])) console.log(p.path)' "$pages" \
    | tr '\n' '\0' | xargs -0 "${feedproc[@]}" parse --kind html > "$ours"
  node "$root/tests/eval/compare-annotated.cjs" "$set_dir" "$pages" "$ours" "$tools"
else
  find "$set_dir" -mindepth 2 -maxdepth 2 -name source.html | sort | tr '\n' '\0' \
    | xargs -0 "${feedproc[@]}" parse --kind html > "$ours"
  node "$root/tests/eval/compare.cjs" "$set_dir" "$ours" "$tools"
fi
