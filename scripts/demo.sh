#!/usr/bin/env bash
# Index the bundled archive (fixtures/articles) with the default schema into
# demo-db/, then show a faceted search and the same index read by stock
# Xapian's quest.
set -euo pipefail
cd "$(dirname "$0")/.."
nf=build/tools/newsfacet/newsfacet
[ -x "$nf" ] || bash scripts/setup.sh
rm -rf demo-db
echo "== newsfacet index --db demo-db fixtures/articles"
"$nf" index --db demo-db fixtures/articles
echo
echo "== newsfacet search --db demo-db 'openai microsoft'   (hits and facet counts)"
"$nf" search --db demo-db --facets company,cloud,claim,stance,source,cites,money 'openai microsoft'
echo
echo "== newsfacet search --db demo-db --filter claim:exclusivity-ended --facets stance,cites openai   (a facet selected)"
"$nf" search --db demo-db --filter claim:exclusivity-ended --facets stance,cites openai
echo
echo "== quest -d demo-db 'exclusive partnership'   (stock Xapian, unchanged)"
# sed, not head: head exits after 20 lines and quest then dies of SIGPIPE,
# which pipefail turns into a failed demo.
quest -d demo-db -m 3 'exclusive partnership' | sed -n '1,20p'
