/**
 * The streaming DataFrame: pandas-like operations kept up to date as batches of rows arrive, with the
 * semantics of Python streamz's {@code streamz.dataframe}.
 */
package dev.streamz.dataframe;
