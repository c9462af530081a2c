package dev.secureexecutor.sandbox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seam stays narrow: no docker-java type appears in {@link JobEngine}'s methods or in the records it exchanges,
 * so a fake, a remote or an agent engine can implement it without docker-java, and the stages never depend on it.
 */
class JobEngineSeamTest {
    private static final List<Class<?>> VALUES = List.of(
            ContainerSpec.class,
            ExecSpec.class,
            ExecResult.class,
            ImageRef.class,
            ManagedResource.class,
            Removal.class,
            ExpiredJobs.Reaped.class);

    private static void collect(Type type, List<String> into) {
        if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into);
            for (Type arg : p.getActualTypeArguments()) {
                collect(arg, into);
            }
        } else if (type instanceof Class<?> c) {
            into.add(c.getName());
        }
    }

    @Test
    void noDockerJavaTypeCrossesTheSeam() {
        List<String> types = new ArrayList<>();
        for (Method m : JobEngine.class.getDeclaredMethods()) {
            collect(m.getGenericReturnType(), types);
            for (Type p : m.getGenericParameterTypes()) {
                collect(p, types);
            }
            for (Class<?> e : m.getExceptionTypes()) {
                collect(e, types);
            }
        }
        for (Class<?> value : VALUES) {
            for (RecordComponent rc : value.getRecordComponents()) {
                collect(rc.getGenericType(), types);
            }
        }
        assertTrue(
                types.contains(ContainerSpec.class.getName()) && types.contains("java.io.OutputStream"),
                "the scan did not see the seam's types: " + types);
        assertEquals(
                List.of(),
                types.stream()
                        .filter(t -> t.startsWith("com.github.dockerjava"))
                        .toList());
    }
}
