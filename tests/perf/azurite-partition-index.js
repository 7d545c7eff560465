// Loaded into Azurite's table service by tests/perf/scale.sh (NODE_OPTIONS=--require ...), for the scale simulation only.
//
// Why: Azurite answers every entity query by testing every entity of the table and sorting all that match
// (LokiTableMetadataStore.queryTableEntities), and keeps its two indexes as sorted arrays of the whole table, so every
// insert moves the whole array. Azure Tables reads a query's partitions from its (PartitionKey, RowKey) index and stops
// when a page is full. A simulated day of 200,000 articles is about 1.4 million index entities: a scan costs the better
// part of a second, every new article asks for its neighbours, and the emulator, not the design, would be measured.
//
// What: the index Azure has, for Azurite's entity tables. Each table keeps its partition keys in order and, per
// partition, its row keys in order. A query reads the partitions its filter allows (found from the parse tree of
// Azurite's own parser) in key order, and in each the row-key range the filter allows, tests each entity with
// Azurite's own predicate, and stops once the page (and the one entity more that Azurite uses for its continuation
// token) is full. A point read (Azurite's findOne by PartitionKey and RowKey) is two binary searches. Results, order and
// continuation tokens are those of Azurite's own query; a filter that bounds no partition key falls back to its scan.
"use strict";
const fs = require("fs");
const path = require("path");

const main = fs.realpathSync(process.argv[1]);
const dist = main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`) + 5);
const persistence = path.join(dist, "src", "table", "persistence");
const Store = require(path.join(persistence, "LokiTableMetadataStore.js")).default;
const Generator = require(path.join(persistence, "LokiTableStoreQueryGenerator.js")).default;
const parseQuery = require(path.join(persistence, "QueryInterpreter", "QueryParser.js")).default;
const Collection = require(require.resolve("lokijs", { paths: [dist] })).Collection;

const EVERYTHING = { low: undefined, high: undefined };

/** The smallest inclusive range of a key's values (PartitionKey or RowKey) a parsed filter can match; undefined ends are open. */
function keyRange(node, key) {
  switch (node.name) {
    case "and": {
      const left = keyRange(node.left, key), right = keyRange(node.right, key);
      return {
        low: left.low === undefined ? right.low : right.low === undefined ? left.low : (left.low > right.low ? left.low : right.low),
        high: left.high === undefined ? right.high : right.high === undefined ? left.high : (left.high < right.high ? left.high : right.high),
      };
    }
    case "or": {
      const left = keyRange(node.left, key), right = keyRange(node.right, key);
      return {
        low: left.low === undefined || right.low === undefined ? undefined : (left.low < right.low ? left.low : right.low),
        high: left.high === undefined || right.high === undefined ? undefined : (left.high > right.high ? left.high : right.high),
      };
    }
    case "eq": case "ge": case "gt": case "le": case "lt": {
      if (node.left?.name !== "id" || node.left.identifier !== key || typeof node.right?.value !== "string") return EVERYTHING;
      const value = node.right.value;
      if (node.name === "eq") return { low: value, high: value };
      return node.name === "ge" || node.name === "gt" ? { low: value, high: undefined } : { low: undefined, high: value };
    }
    default:
      return EVERYTHING;
  }
}

/** First position in a sorted array whose key (read by `keyOf`) is >= `value`. */
function lowerBound(array, value, keyOf) {
  let start = 0, end = array.length;
  while (start < end) {
    const middle = (start + end) >>> 1;
    if (keyOf(array[middle]) < value) start = middle + 1; else end = middle;
  }
  return start;
}
const itself = (x) => x;
const rowKeyOf = (row) => row.rowKey;

/** The index of one entity table: partition keys in order, and per partition its rows ({rowKey, id}) in order. */
class PartitionIndex {
  constructor() { this.partitionKeys = []; this.partitions = new Map(); }
  add(doc) {
    let rows = this.partitions.get(doc.PartitionKey);
    if (rows === undefined) {
      rows = [];
      this.partitions.set(doc.PartitionKey, rows);
      this.partitionKeys.splice(lowerBound(this.partitionKeys, doc.PartitionKey, itself), 0, doc.PartitionKey);
    }
    rows.splice(lowerBound(rows, doc.RowKey, rowKeyOf), 0, { rowKey: doc.RowKey, id: doc.$loki });
  }
  remove(doc) {
    const rows = this.partitions.get(doc.PartitionKey);
    if (rows === undefined) return;
    const at = lowerBound(rows, doc.RowKey, rowKeyOf);
    if (at < rows.length && rows[at].rowKey === doc.RowKey) rows.splice(at, 1);
  }
  find(partitionKey, rowKey) {
    const rows = this.partitions.get(partitionKey);
    if (rows === undefined) return undefined;
    const at = lowerBound(rows, rowKey, rowKeyOf);
    return at < rows.length && rows[at].rowKey === rowKey ? rows[at].id : undefined;
  }
}

// Entity tables get the index instead of Loki's whole-table sorted arrays.
const createCollectionForTable = Store.prototype.createCollectionForTable;
Store.prototype.createCollectionForTable = function (tableModel) {
  createCollectionForTable.apply(this, arguments);
  const collection = this.db.getCollection(this.getTableCollectionName(tableModel.account, tableModel.table));
  collection.binaryIndices = {};
  collection.partitionIndex = new PartitionIndex();
};

const insertOne = Collection.prototype.insertOne;
Collection.prototype.insertOne = function () {
  const inserted = insertOne.apply(this, arguments);
  if (this.partitionIndex && inserted) this.partitionIndex.add(inserted);
  return inserted;
};

const remove = Collection.prototype.remove;
Collection.prototype.remove = function (doc) {
  if (this.partitionIndex) {
    const docs = Array.isArray(doc) ? doc : [typeof doc === "number" ? this.get(doc) : doc];
    for (const each of docs) if (each && typeof each === "object") this.partitionIndex.remove(each);
  }
  return remove.apply(this, arguments);
};

const findOne = Collection.prototype.findOne;
Collection.prototype.findOne = function (query) {
  if (this.partitionIndex && query && Object.keys(query).length === 2 && typeof query.PartitionKey === "string" && typeof query.RowKey === "string") {
    const id = this.partitionIndex.find(query.PartitionKey, query.RowKey);
    return id === undefined ? null : this.get(id);
  }
  return findOne.apply(this, arguments);
};

const scan = Store.prototype.queryTableEntities;
Store.prototype.queryTableEntities = async function (context, account, table, queryOptions, nextPartitionKey, nextRowKey) {
  const collection = this.getEntityCollection(account, table, context);
  let partitions = EVERYTHING, rows = EVERYTHING;
  try {
    if (queryOptions.filter) {
      const tree = parseQuery(queryOptions.filter);
      partitions = keyRange(tree, "PartitionKey");
      rows = keyRange(tree, "RowKey");
    }
  } catch {
    // Azurite's own path reports the syntax error.
  }
  if (!collection.partitionIndex || (partitions.low === undefined && partitions.high === undefined)) return scan.apply(this, arguments);

  const matches = Generator.generateQueryForPersistenceLayer(queryOptions, context);
  const maxResults = this.getMaxResultsOption(queryOptions);
  const afterPartition = this.decodeContinuationHeader(nextPartitionKey);
  const afterRow = this.decodeContinuationHeader(nextRowKey);
  const index = collection.partitionIndex;
  const low = afterPartition !== undefined && (partitions.low === undefined || afterPartition > partitions.low) ? afterPartition : partitions.low;

  const result = [];
  for (let p = low === undefined ? 0 : lowerBound(index.partitionKeys, low, itself); p < index.partitionKeys.length && result.length <= maxResults; p++) {
    const partitionKey = index.partitionKeys[p];
    if (partitions.high !== undefined && partitionKey > partitions.high) break;
    const partition = index.partitions.get(partitionKey);
    // The continuation rule of Azurite's own query: in the partition it stopped in, from the row it stopped at.
    let from = rows.low;
    if (afterRow !== undefined && partitionKey === afterPartition && (from === undefined || afterRow > from)) from = afterRow;
    for (let r = from === undefined ? 0 : lowerBound(partition, from, rowKeyOf); r < partition.length; r++) {
      if (rows.high !== undefined && partition[r].rowKey > rows.high) break;
      const entity = collection.get(partition[r].id);
      if (entity && matches(entity)) {
        result.push(entity);
        if (result.length > maxResults) break;
      }
    }
  }
  const response = this.adjustQueryResultforTop(result, maxResults);
  return [result, response.nextPartitionKeyResponse, response.nextRowKeyResponse];
};
