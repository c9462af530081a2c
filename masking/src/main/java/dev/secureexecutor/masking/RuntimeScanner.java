package dev.secureexecutor.masking;

import org.jspecify.annotations.Nullable;

/**
 * Masks the values registered at run time ({@link RuntimeMasks}) in one stream. When the set grows, the stream
 * switches to the new automaton at its next write and starts it in the root state: a registration happens at the
 * end of a consumed directive line, so what came before ends with a line break, which no form of a single-line
 * value contains; no partial match can span the switch.
 */
final class RuntimeScanner implements SideScanner {
    private final RuntimeMasks masks;
    private int generation = -1;
    private @Nullable StreamScanner inner;
    private @Nullable DecodedViewScanner view;
    private RangeSink target = (start, end) -> {};
    private final RangeSink forward = (start, end) -> target.add(start, end);

    RuntimeScanner(RuntimeMasks masks) {
        this.masks = masks;
    }

    @Override
    public void scan(byte[] data, int off, int len, long base, RangeSink sink) {
        int current = masks.generation();
        if (current != generation) {
            generation = current;
            Automaton automaton = masks.automaton();
            ViewDictionary values = masks.view();
            inner = automaton == null ? null : new StreamScanner(automaton, forward, base);
            view = values == null ? null : values.scanner(base);
        }
        StreamScanner literals = inner;
        if (literals != null) {
            DecodedViewScanner decoded = view;
            if (decoded != null) {
                decoded.scan(data, off, len, base, sink);
            }
            target = sink;
            try {
                literals.scan(data, off, len, null);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a side scanner writes no output", e);
            }
        }
    }

    @Override
    public long holdFrom(RangeSink sink) {
        StreamScanner literals = inner;
        DecodedViewScanner decoded = view;
        if (literals == null) {
            return Long.MAX_VALUE;
        }
        long hold = literals.holdFrom(sink);
        return decoded == null ? hold : Math.min(hold, decoded.holdFrom(sink));
    }

    @Override
    public void finish(long end, RangeSink sink) {
        StreamScanner literals = inner;
        DecodedViewScanner decoded = view;
        if (literals != null) {
            if (decoded != null) {
                decoded.finish(end, sink);
            }
            target = sink;
            literals.finishSide();
        }
    }

    @Override
    public void wipe() {
        inner = null;
        DecodedViewScanner decoded = view;
        if (decoded != null) {
            decoded.wipe();
        }
        view = null;
    }
}
