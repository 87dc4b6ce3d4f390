package io.vqstudio.bridge.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the image paths of a folder or zip into classes and labelled entries: the class of an image
 * is the first folder below the prefix that all images share.
 *
 * <p>So {@code train/<wnid>/images/<wnid>_0.JPEG} (tiny-imagenet) gives class {@code wnid}, and
 * {@code cats/a.png, dogs/b.png} gives {@code cats, dogs}. Images that sit directly in the shared
 * prefix get one class named after its last folder, or after the root when there is none.
 */
final class ClassLayout {

    final List<ImageEntry> entries;
    final List<String> classes;

    private ClassLayout(List<ImageEntry> entries, List<String> classes) {
        this.entries = entries;
        this.classes = classes;
    }

    /**
     * @param paths    image paths relative to the root, {@code /}-separated
     * @param rootName name of the root folder or zip, for images that have no class folder
     */
    static ClassLayout of(Collection<String> paths, String rootName) {
        List<String> sorted = new ArrayList<>(paths);
        Collections.sort(sorted);
        int prefix = sharedFolderPrefix(sorted);
        Map<String, String> classOf = new LinkedHashMap<>();
        for (String p : sorted) {
            String rest = p.substring(prefix);
            int slash = rest.indexOf('/');
            String cls;
            if (slash > 0) {
                cls = rest.substring(0, slash);
            } else if (prefix > 0) {
                String dir = p.substring(0, prefix - 1);
                cls = dir.substring(dir.lastIndexOf('/') + 1);
            } else {
                cls = rootName;
            }
            classOf.put(p, cls);
        }
        List<String> classes = List.copyOf(new TreeSet<>(classOf.values()));
        Map<String, Integer> label = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            label.put(classes.get(i), i);
        }
        List<ImageEntry> entries = new ArrayList<>(sorted.size());
        classOf.forEach((p, c) -> entries.add(new ImageEntry(p, label.get(c))));
        return new ClassLayout(List.copyOf(entries), classes);
    }

    /** Length of the longest folder prefix (ending in '/') shared by all paths; sorted input. */
    private static int sharedFolderPrefix(List<String> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        // In sorted order the first and last path bound the shared prefix of all of them.
        String a = sorted.get(0), b = sorted.get(sorted.size() - 1);
        int n = Math.min(a.length(), b.length());
        int common = 0;
        while (common < n && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        return a.lastIndexOf('/', common - 1) + 1;
    }

    /**
     * Reads a {@code words.txt} ({@code id<TAB>names} per line, as ImageNet ships it), keeping only
     * the given classes; the stream is not closed.
     */
    static Map<String, String> parseWords(InputStream in, Collection<String> keep) throws IOException {
        TreeSet<String> wanted = new TreeSet<>(keep);
        Map<String, String> names = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                String id = line.substring(0, tab).trim();
                String name = line.substring(tab + 1).trim();
                if (wanted.contains(id) && !name.isEmpty()) {
                    names.put(id, name);
                }
            }
        }
        return names;
    }

    /** Every class mapped to its name from {@code words}, or to its own id when there is none. */
    static Map<String, String> namesFor(List<String> classes, Map<String, String> words) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String c : classes) {
            out.put(c, words.getOrDefault(c, c));
        }
        return Collections.unmodifiableMap(out);
    }
}
