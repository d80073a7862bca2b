/**
 * Column-major frames in off-heap memory, their schemas, builders and pools, and the column kernels that
 * run over them without allocating.
 */
package dev.streamz.frames;
