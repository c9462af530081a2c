package dev.secureexecutor.masking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Masks secrets and sensitive tokens in byte streams, replacing each masked region with {@code [MASKED]}.
 *
 * <p>What is masked, over the whole stream: every occurrence of every form of every secret (raw, base64 at any
 * alignment, percent-encoded, JSON/XML/shell/C-escaped; multi-line secrets whole with any whitespace between their
 * lines, and line by line), and the matches of the list-free rules (GitLab token prefixes keep the prefix visible,
 * {@code glpat-[MASKED]}; sensitive URL parameters, {@code ?private_token=[MASKED]}; JWTs; URL passwords,
 * {@code https://user:[MASKED]@host}). All of these are one set of ranges: ranges that overlap merge into one
 * {@code [MASKED]}, ranges that only touch stay separate ({@code [MASKED][MASKED]}); so the longest match always
 * wins and no part of a secret stays visible next to a mask. The result does not depend on how input is split into
 * writes. Binary data and invalid UTF-8 pass through unchanged outside masked regions.
 *
 * <p>Precisely: the masked ranges are (1) every occurrence of every literal form, (2) for a token prefix occurrence,
 * the maximal run of {@code [A-Za-z0-9._=-]} after it (at least one byte), (3) after {@code ?} or {@code &} and a
 * sensitive key (ASCII case-insensitive) and {@code =}, the value up to {@code ? &}, space, control or end of
 * stream, possibly empty, (4) a JWT whole, (5) after {@code <scheme char>://user:}, everything up to the last
 * {@code @} of the authority, (6) a multi-line secret's lines separated by whitespace runs. Rule matches that run to
 * the end of the stream are complete. Ranges from all six are merged together as described above (an empty range
 * is its own {@code [MASKED]} unless strictly inside a region). Base64 forms cover the characters determined by
 * the secret alone; a character that mixes bits of the surrounding bytes and the secret (at most one at each end)
 * stays visible.
 *
 * <p>A masker is immutable and thread-safe until {@link #wipe()}, which zeroes its tables and makes every stream
 * and call fail.
 */
public final class Masker {
    private static final List<String> NO_PREFIXES = List.of();

    private final Automaton automaton;
    /** The secrets' values for the decoded view (percent-encoding, escapes); null without secrets. */
    private final @Nullable ViewDictionary view;

    private final RuntimeMasks runtime;
    private final Set<MaskingOutputStream> streams = Collections.newSetFromMap(new WeakHashMap<>());
    private boolean wiped;

    private Masker(Automaton automaton, @Nullable ViewDictionary view, int minLength) {
        this.automaton = automaton;
        this.view = view;
        this.runtime = new RuntimeMasks(minLength);
    }

    /** A builder with minimum length 3, no secrets and the default token prefixes. */
    public static Builder builder() {
        return new Builder();
    }

    /** A masker with no secrets, only the list-free rules, for output produced before secrets are known. */
    public static Masker rulesOnly() {
        return builder().build();
    }

    /** A stream that masks everything written to it before passing it to {@code downstream}. */
    public MaskingOutputStream wrap(OutputStream downstream) {
        MaskingOutputStream stream = new MaskingOutputStream(automaton, view, runtime, downstream);
        synchronized (streams) {
            ensureLive();
            streams.add(stream);
        }
        return stream;
    }

    /**
     * A stream for a job's own output: lines {@code ::add-mask::VALUE} are consumed (never forwarded, however the
     * bytes are split into writes) and register VALUE with {@link #addMask}; everything else is masked as by
     * {@link #wrap}. See {@link AddMaskDirectives}.
     */
    public OutputStream wrapJobOutput(OutputStream downstream) {
        return new AddMaskDirectives(wrap(downstream), this::addMask);
    }

    /**
     * A job's stdout and stderr merged into one masked stream to {@code downstream}, in arrival order, with
     * {@code ::add-mask::} lines consumed per source; see {@link JobOutputMux}.
     */
    public JobOutputMux jobOutput(OutputStream downstream) {
        return new JobOutputMux(this, wrap(downstream));
    }

    /**
     * Registers a value found at run time: from now on it and all its forms are masked in every stream of this
     * masker (each stream switches at its next write). Trimmed and subject to the minimum length like a payload
     * secret. The bytes are copied; the caller wipes its array.
     *
     * @return null if registered (or already known), else why not (for a notice; never contains the value)
     */
    public @Nullable String addMask(byte[] value) {
        return runtime.add(value);
    }

    /** How many values were registered with {@link #addMask} (not the values). */
    public int runtimeMaskCount() {
        return runtime.count();
    }

    /** Copies of the registered values, for handing them to the next stage's masker; the caller wipes them. */
    public List<Secret> runtimeMasks() {
        List<Secret> copies = new ArrayList<>();
        runtime.forEach(v -> copies.add(Secret.ofBytes("add-mask", v.clone())));
        return copies;
    }

    /** Masks {@code data} as if it were written to a {@linkplain #wrap wrapped} stream that is then finished. */
    public byte[] mask(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
        try (MaskingOutputStream stream = wrap(out)) {
            stream.write(data);
            stream.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Masks the UTF-8 bytes of {@code text}; see {@link #mask(byte[])}. */
    public String mask(String text) {
        return new String(mask(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * One masked line describing {@code t}: {@code "SimpleName: message"}, then each suppressed exception as
     * {@code " (suppressed: ...)"} and the cause as {@code " (cause: ...)"}, recursively; no stack trace. Messages
     * are masked before line breaks and other control characters are turned into spaces.
     */
    public String describe(Throwable t) {
        return ThrowableDescriber.describe(t, this::mask);
    }

    Automaton automaton() {
        return automaton;
    }

    /** Number of distinct byte patterns (secret forms and rule triggers) in the automaton. */
    public int patternCount() {
        return automaton.patternCount;
    }

    /** Probe spacing of the skip loop (for tests). */
    int probeStride() {
        return automaton.filter().hasShort ? 0 : automaton.filter().stride;
    }

    /**
     * Zeroes every internal copy of secret bytes: the automaton's tables, the rules' lines and the bytes held back
     * by streams. Afterwards writes to this masker's streams and calls to {@code mask} fail. Idempotent.
     */
    public void wipe() {
        List<MaskingOutputStream> live;
        synchronized (streams) {
            if (wiped) {
                return;
            }
            wiped = true;
            live = new ArrayList<>(streams);
            streams.clear();
        }
        for (MaskingOutputStream stream : live) {
            stream.wipe();
        }
        runtime.wipe();
        if (view != null) {
            view.wipe();
        }
        automaton.wipe();
    }

    private void ensureLive() {
        if (wiped) {
            throw new IllegalStateException("masker was wiped");
        }
    }

    /** Collects secrets and options; {@link #build()} derives all forms and compiles one automaton. */
    public static final class Builder {
        private int minLength = 3;
        private final List<byte[]> secrets = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();

        private Builder() {}

        /** Secrets (after trimming) and encoded forms shorter than this are ignored; default 3, at least 1. */
        public Builder minLength(int minLength) {
            if (minLength < 1) {
                throw new IllegalArgumentException("minLength must be at least 1");
            }
            this.minLength = minLength;
            return this;
        }

        /** Adds a secret; its bytes are copied now and the copy is zeroed by {@link #build()}. */
        public Builder secret(Secret secret) {
            Objects.requireNonNull(secret, "secret");
            secrets.add(secret.withBytes(byte[]::clone));
            return this;
        }

        /** Extra token prefixes (the payload's {@code features.token_mask_prefixes}), on top of the defaults. */
        public Builder tokenPrefixes(Collection<String> extra) {
            prefixes.addAll(extra == null ? NO_PREFIXES : extra);
            return this;
        }

        /** Builds the masker. The builder's copies of secret bytes are zeroed; the builder can be reused. */
        public Masker build() {
            PatternSet patterns = new PatternSet();
            PatternSet values = new PatternSet();
            try {
                for (byte[] secret : secrets) {
                    SecretForms.addAll(secret, minLength, patterns, values);
                }
                ListFreeRules.addAll(prefixes, patterns);
                return new Masker(AutomatonBuilder.build(patterns), ViewDictionary.of(values), minLength);
            } finally {
                patterns.wipe();
                values.wipe();
                for (byte[] secret : secrets) {
                    Arrays.fill(secret, (byte) 0);
                }
                secrets.clear();
            }
        }

        /** The values a build would give the decoded-view scanner (for tests). */
        List<byte[]> viewValues() {
            PatternSet patterns = new PatternSet();
            PatternSet values = new PatternSet();
            for (byte[] secret : secrets) {
                SecretForms.addAll(secret, minLength, patterns, values);
            }
            List<byte[]> literals = values.literals();
            patterns.wipe();
            values.wipe();
            return literals;
        }

        /** The literal patterns a build would compile (for tests). */
        List<byte[]> literalForms() {
            PatternSet patterns = new PatternSet();
            for (byte[] secret : secrets) {
                SecretForms.addAll(secret, minLength, patterns);
            }
            List<byte[]> literals = patterns.literals();
            patterns.wipe();
            return literals;
        }
    }
}
