package dev.secureexecutor.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link PatternSet} into an {@link Automaton}: a byte trie, renumbered breadth first, with failure
 * links and dense rows for the states of depth at most two (or one, if there are too many), then has
 * {@link StartFilterBuilder} add its start filter.
 * Temporary arrays holding pattern bytes are zeroed before returning.
 */
final class AutomatonBuilder {
    /** Above this many shallow states only depth 0 and 1 are dense (256 ints each). */
    private static final int MAX_DENSE = 8192;

    private int size = 1;
    private int[] firstChild = new int[1024];
    private int[] sibling = new int[1024];
    private byte[] label = new byte[1024];
    private int[] terminal = new int[1024];
    private boolean[] holding = new boolean[1024];
    private final Map<Integer, List<Rule>> nodeRules = new HashMap<>();
    private final Map<Integer, List<Integer>> nodeRuleLengths = new HashMap<>();

    private AutomatonBuilder() {
        Arrays.fill(firstChild, -1);
        Arrays.fill(sibling, -1);
    }

    static Automaton build(PatternSet patterns) {
        AutomatonBuilder builder = new AutomatonBuilder();
        List<PatternSet.Entry> entries = patterns.entries();
        for (PatternSet.Entry entry : entries) {
            builder.insert(entry);
        }
        try {
            return builder.compile(entries);
        } finally {
            Arrays.fill(builder.label, (byte) 0);
        }
    }

    private void insert(PatternSet.Entry entry) {
        boolean holds = entry.holds();
        int node = 0;
        for (byte b : entry.bytes) {
            int child = firstChild[node];
            while (child >= 0 && label[child] != b) {
                child = sibling[child];
            }
            if (child < 0) {
                child = newNode(b);
                sibling[child] = firstChild[node];
                firstChild[node] = child;
            }
            node = child;
            holding[node] |= holds;
        }
        if (entry.literal) {
            terminal[node] = entry.bytes.length;
        }
        for (Rule rule : entry.rules) {
            nodeRules.computeIfAbsent(node, k -> new ArrayList<>()).add(rule);
            nodeRuleLengths.computeIfAbsent(node, k -> new ArrayList<>()).add(entry.bytes.length);
        }
    }

    private int newNode(byte b) {
        if (size == label.length) {
            int n = size * 2;
            firstChild = grow(firstChild, n);
            sibling = grow(sibling, n);
            byte[] newLabel = Arrays.copyOf(label, n);
            Arrays.fill(label, (byte) 0);
            label = newLabel;
            terminal = Arrays.copyOf(terminal, n);
            holding = Arrays.copyOf(holding, n);
        }
        int id = size++;
        label[id] = b;
        return id;
    }

    private static int[] grow(int[] a, int n) {
        int[] grown = Arrays.copyOf(a, n);
        Arrays.fill(grown, a.length, n, -1);
        return grown;
    }

    private Automaton compile(List<PatternSet.Entry> entries) {
        // breadth-first renumbering: order[newId] = oldId
        int[] order = new int[size];
        int[] newId = new int[size];
        int[] depth = new int[size];
        int head = 0;
        int tail = 1;
        int shallow = 0;
        int veryShallow = 0;
        while (head < tail) {
            int old = order[head];
            newId[old] = head;
            if (depth[head] <= 2) {
                shallow++;
            }
            if (depth[head] <= 1) {
                veryShallow++;
            }
            for (int c = firstChild[old]; c >= 0; c = sibling[c]) {
                depth[tail] = depth[head] + 1;
                order[tail++] = c;
            }
            head++;
        }
        int denseCount = shallow <= MAX_DENSE ? shallow : veryShallow;

        int[] childStart = new int[size + 1];
        byte[] childKey = new byte[size - 1];
        int[] childTarget = new int[size - 1];
        int k = 0;
        for (int s = 0; s < size; s++) {
            childStart[s] = k;
            for (int c = firstChild[order[s]]; c >= 0; c = sibling[c]) {
                childKey[k] = label[c];
                childTarget[k++] = newId[c];
            }
        }
        childStart[size] = k;

        int[] fail = new int[size];
        int[] dense = new int[denseCount << 8];
        Automaton partial = new Automaton(
                size,
                denseCount,
                entries.size(),
                dense,
                fail,
                childStart,
                childKey,
                childTarget,
                depth,
                new int[0],
                new int[0],
                new byte[0],
                new int[0],
                new Rule[0],
                new int[0]);
        for (int s = 0; s < size; s++) {
            if (s < denseCount) {
                int row = s << 8;
                int failRow = fail[s] << 8;
                for (int c = 0; c < 256; c++) {
                    dense[row | c] = s == 0 ? 0 : dense[failRow | c];
                }
                for (int j = childStart[s]; j < childStart[s + 1]; j++) {
                    dense[row | (childKey[j] & 0xff)] = childTarget[j];
                }
            }
            for (int j = childStart[s]; j < childStart[s + 1]; j++) {
                fail[childTarget[j]] = s == 0 ? 0 : partial.step(fail[s], childKey[j] & 0xff);
            }
        }

        int[] holdDepth = new int[size];
        int[] matchLength = new int[size];
        byte[] info = new byte[size];
        List<List<Rule>> rules = new ArrayList<>(size);
        List<List<Integer>> lengths = new ArrayList<>(size);
        int triggerTotal = 0;
        for (int s = 0; s < size; s++) {
            int old = order[s];
            int f = fail[s];
            holdDepth[s] = s == 0 ? 0 : holding[old] ? depth[s] : holdDepth[f];
            matchLength[s] = s == 0 ? 0 : terminal[old] > 0 ? terminal[old] : matchLength[f];
            List<Rule> r = new ArrayList<>(nodeRules.getOrDefault(old, List.of()));
            List<Integer> l = new ArrayList<>(nodeRuleLengths.getOrDefault(old, List.of()));
            if (s != 0) {
                r.addAll(rules.get(f));
                l.addAll(lengths.get(f));
            }
            rules.add(r);
            lengths.add(l);
            triggerTotal += r.size();
            info[s] = (byte) ((matchLength[s] > 0 ? Automaton.LITERAL : 0) | (r.isEmpty() ? 0 : Automaton.TRIGGER));
        }
        int[] triggerStart = new int[size + 1];
        Rule[] triggerRule = new Rule[triggerTotal];
        int[] triggerLength = new int[triggerTotal];
        int t = 0;
        for (int s = 0; s < size; s++) {
            triggerStart[s] = t;
            for (int j = 0; j < rules.get(s).size(); j++) {
                triggerRule[t] = rules.get(s).get(j);
                triggerLength[t++] = lengths.get(s).get(j);
            }
        }
        triggerStart[size] = t;

        Automaton automaton = new Automaton(
                size,
                denseCount,
                entries.size(),
                dense,
                fail,
                childStart,
                childKey,
                childTarget,
                depth,
                holdDepth,
                matchLength,
                info,
                triggerStart,
                triggerRule,
                triggerLength);
        automaton.attach(StartFilterBuilder.build(entries, automaton));
        return automaton;
    }
}
