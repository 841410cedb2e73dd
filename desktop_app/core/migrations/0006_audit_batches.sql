-- A bulk action (a paste, a values file, "no data" for many rows, tasks reported together,
-- the undo of a paste) is one audit row: action 'batch', entity_key the year
-- ('plan/office/year'), and its changes in `changes` as compact JSON, one
-- [item, action, field, old, new] per change, in the order they were made.
-- One row per change indexed by (entity, entity_key) put the changes of repeated pastes over
-- the same cells between each other: a paste of 100 values dirtied a page of the index per
-- few cells (15-100 encrypted pages written, growing with the year's history) where one
-- value writes 3.  A batch row adds one index entry, after the year's earlier batches.
ALTER TABLE audit ADD COLUMN changes TEXT;

-- The rows earlier versions wrote for a bulk action, one per change, grouped by the
-- 'batch <id>' reason they share.
CREATE TEMP TABLE legacy_batch AS
SELECT id, at, actor, action, entity, field, old_value, new_value, reason,
       rtrim(entity_key, replace(entity_key, '/', '')) AS scope,
       substr(entity_key, length(rtrim(entity_key, replace(entity_key, '/', ''))) + 1) AS item
FROM audit
WHERE entity = 'value' AND action IN ('set', 'clear') AND reason GLOB 'batch [0-9a-f]*'
  AND instr(entity_key, '/') > 0;

DELETE FROM audit WHERE id IN (SELECT id FROM legacy_batch);

-- Each batch takes the place (the id) of its first change, so a cell's history keeps its order.
INSERT INTO audit (id, at, actor, action, entity, entity_key, field, old_value, new_value, reason, changes)
SELECT min(id), min(at), min(actor), 'batch', entity, substr(scope, 1, length(scope) - 1), '', NULL, NULL, reason,
       json_group_array(json_array(item, action, field, old_value, new_value) ORDER BY id)
FROM legacy_batch
GROUP BY entity, scope, reason;

DROP TABLE legacy_batch;
