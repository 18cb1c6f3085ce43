package org.parkgate.report;

/** How a chart of the report would use a column. */
public enum ChartRole {
  /** Not plotted. */
  NONE,
  /** The axis along which rows are laid out (a day, an hour, a duration band). */
  AXIS,
  /** A series plotted against the axis. */
  SERIES
}
