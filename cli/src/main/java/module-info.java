/**
 * The {@code streamz} launcher: {@code streamz demo} runs example pipelines end to end and narrates them;
 * {@code streamz replay} shows and replays Chronicle Queue journals.
 */
module dev.streamz.cli {
    requires dev.streamz;
    requires dev.streamz.disruptor;
    requires dev.streamz.chronicle;
    requires dev.streamz.frames;
    requires dev.streamz.dataframe;
}
