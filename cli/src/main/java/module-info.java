/**
 * The {@code streamz} launcher: {@code streamz demo} runs example pipelines end to end and narrates them.
 */
module dev.streamz.cli {
    requires dev.streamz;
    requires dev.streamz.disruptor;
}
