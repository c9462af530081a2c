/** The streaming masker: every secret and its encoded forms, replaced in any byte stream. JDK only. */
@NullMarked
package dev.secureexecutor.masking;

import org.jspecify.annotations.NullMarked;
