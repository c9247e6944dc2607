package org.nash.table;

/**
 * What a column holds and where it came from.
 *
 * @param key stable name, {@code <dataset>/<metric>@<epochs>} for accuracies (e.g.
 *     {@code cifar10/test-acc@200}), {@code <dataset>/<quantity>} otherwise
 * @param description one line for humans
 * @param unit the unit of the values
 * @param aggregate seed mean, single run, or not a run
 * @param source catalog entry id and upstream column the values were read from
 */
public record ColumnInfo(String key, String description, Unit unit, Aggregate aggregate, String source) {}
