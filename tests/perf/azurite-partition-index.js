// Loaded into Azurite's table service by tests/perf/scale.sh (NODE_OPTIONS=--require ...), for the scale simulation only.
//
// Why: Azurite answers every entity query by testing every entity of the table and sorting all that match
// (LokiTableMetadataStore.queryTableEntities); Azure Tables reads a query's partitions from its (PartitionKey,
// RowKey) index and stops when a page is full. At a simulated day of 200,000 articles the index table holds about
// 1.4 million entities, a scan costs the better part of a second, and every new article asks for its neighbours:
// the emulator, not the design, would be what is measured, and the run would take days.
//
// What: the same query, answered through the PartitionKey index Azurite already keeps. The filter's parse tree
// (Azurite's own parser) gives the range of partition keys it can match; the partitions in that range are read in
// key order, one at a time, each tested with Azurite's own predicate and sorted by row key, until the page (and the
// one entity more that Azurite uses for its continuation token) is full. Results, order and continuation tokens
// are what Azurite returns without it; only how much it examines changes. A filter that bounds no partition key
// falls back to Azurite's own scan.
"use strict";
const fs = require("fs");
const path = require("path");

const main = fs.realpathSync(process.argv[1]);
const dist = main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`) + 5);
const persistence = path.join(dist, "src", "table", "persistence");
const Store = require(path.join(persistence, "LokiTableMetadataStore.js")).default;
const Generator = require(path.join(persistence, "LokiTableStoreQueryGenerator.js")).default;
const parseQuery = require(path.join(persistence, "QueryInterpreter", "QueryParser.js")).default;

const EVERYTHING = { low: undefined, high: undefined };

/** The smallest inclusive range of PartitionKey values a parsed filter can match (undefined ends are open). */
function partitionRange(node) {
  switch (node.name) {
    case "and": {
      const left = partitionRange(node.left), right = partitionRange(node.right);
      return {
        low: left.low === undefined ? right.low : right.low === undefined ? left.low : (left.low > right.low ? left.low : right.low),
        high: left.high === undefined ? right.high : right.high === undefined ? left.high : (left.high < right.high ? left.high : right.high),
      };
    }
    case "or": {
      const left = partitionRange(node.left), right = partitionRange(node.right);
      return {
        low: left.low === undefined || right.low === undefined ? undefined : (left.low < right.low ? left.low : right.low),
        high: left.high === undefined || right.high === undefined ? undefined : (left.high > right.high ? left.high : right.high),
      };
    }
    case "eq": case "ge": case "gt": case "le": case "lt": {
      if (node.left?.name !== "id" || node.left.identifier !== "PartitionKey" || typeof node.right?.value !== "string") return EVERYTHING;
      const value = node.right.value;
      if (node.name === "eq") return { low: value, high: value };
      return node.name === "ge" || node.name === "gt" ? { low: value, high: undefined } : { low: undefined, high: value };
    }
    default:
      return EVERYTHING;
  }
}

const scan = Store.prototype.queryTableEntities;

Store.prototype.queryTableEntities = async function (context, account, table, queryOptions, nextPartitionKey, nextRowKey) {
  let range = EVERYTHING;
  try {
    if (queryOptions.filter) range = partitionRange(parseQuery(queryOptions.filter));
  } catch {
    // Azurite's own path reports the syntax error.
  }
  if (range.low === undefined && range.high === undefined) return scan.apply(this, arguments);

  const collection = this.getEntityCollection(account, table, context);
  const matches = Generator.generateQueryForPersistenceLayer(queryOptions, context);
  const maxResults = this.getMaxResultsOption(queryOptions);
  const afterPartition = this.decodeContinuationHeader(nextPartitionKey);
  const afterRow = this.decodeContinuationHeader(nextRowKey);
  const low = afterPartition !== undefined && (range.low === undefined || afterPartition > range.low) ? afterPartition : range.low;

  collection.ensureIndex("PartitionKey");
  const positions = collection.binaryIndices.PartitionKey.values;
  const data = collection.data;
  // First position whose partition key is >= low.
  let start = 0, end = positions.length;
  if (low !== undefined) {
    while (start < end) {
      const middle = (start + end) >>> 1;
      if (data[positions[middle]].PartitionKey < low) start = middle + 1; else end = middle;
    }
  }

  const result = [];
  let i = start;
  while (i < positions.length && result.length <= maxResults) {
    const partition = data[positions[i]].PartitionKey;
    if (range.high !== undefined && partition > range.high) break;
    const rows = [];
    for (; i < positions.length && data[positions[i]].PartitionKey === partition; i++) {
      const entity = data[positions[i]];
      // The continuation rule of Azurite's own query.
      if (afterRow !== undefined && partition === afterPartition && entity.RowKey < afterRow) continue;
      if (matches(entity)) rows.push(entity);
    }
    rows.sort((a, b) => (a.RowKey > b.RowKey ? 1 : a.RowKey < b.RowKey ? -1 : 0));
    for (const row of rows) {
      result.push(row);
      if (result.length > maxResults) break;
    }
  }
  const response = this.adjustQueryResultforTop(result, maxResults);
  return [result, response.nextPartitionKeyResponse, response.nextRowKeyResponse];
};
