package dev.secureexecutor.sandbox.policy;

import java.util.regex.Pattern;

/**
 * An image glob from {@code image.allowed}: {@code *} matches within one path segment, {@code **} across segments,
 * {@code ?} one character. A reference without tag or digest is compared as {@code name:latest}, as Docker reads it.
 */
final class ImageGlob {
    private final Pattern pattern;

    ImageGlob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = Pattern.compile(re.toString());
    }

    boolean matches(String image) {
        return pattern.matcher(normalize(image)).matches();
    }

    static String normalize(String image) {
        if (image.contains("@")) {
            return image;
        }
        int slash = image.lastIndexOf('/');
        return image.indexOf(':', slash + 1) < 0 ? image + ":latest" : image;
    }
}
