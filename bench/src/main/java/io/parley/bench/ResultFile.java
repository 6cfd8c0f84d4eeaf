package io.parley.bench;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's result as a JSON file: one object whose keys are {@link BenchResult}'s components (and
 * those of its nested records), so the file and the record cannot drift apart. Stateless.
 */
public final class ResultFile {

    /** Components added after result files were first written: an older file reads them as null. */
    private static final java.util.Set<String> ADDED_LATER = java.util.Set.of("sendLag");

    private ResultFile() {}

    static void write(BenchResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(result), StandardCharsets.UTF_8);
    }

    public static BenchResult read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a bench result: " + e.getMessage(), e);
        }
    }

    /**
     * One line saying which file could not be read and why, for a person: {@link Files}' own
     * exceptions carry little more than the path.
     */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "cannot read " + denied.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException other) {
            return "cannot read " + other.getFile() + (other.getReason() == null ? "" : ": " + other.getReason());
        }
        return e.getMessage();
    }

    static String toJson(BenchResult result) {
        return Json.write(tree(result));
    }

    static BenchResult fromJson(String json) {
        return (BenchResult) fromTree(Json.read(json), BenchResult.class);
    }

    private static Object tree(Object value) {
        if (value instanceof Record record) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    map.put(component.getName(), tree(component.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return map;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ResultFile::tree).toList();
        }
        return value;
    }

    private static Object fromTree(Object value, Type type) {
        if (value == null) {
            if (type instanceof Class<?> c && c.isPrimitive()) {
                throw new IllegalArgumentException("a number is missing");
            }
            return null;
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            List<Object> items = new ArrayList<>();
            for (Object item : (List<?>) value) {
                items.add(fromTree(item, list.getActualTypeArguments()[0]));
            }
            return items;
        }
        Class<?> target = (Class<?>) type;
        if (target.isRecord()) {
            return record((Map<?, ?>) value, target);
        }
        if (target == String.class) {
            return value.toString();
        }
        Number number = (Number) value;
        if (target == int.class || target == Integer.class) {
            return number.intValue();
        }
        if (target == long.class || target == Long.class) {
            return number.longValue();
        }
        if (target == double.class || target == Double.class) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("cannot read a " + target.getSimpleName());
    }

    private static Object record(Map<?, ?> map, Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (!map.containsKey(components[i].getName()) && !ADDED_LATER.contains(components[i].getName())) {
                throw new IllegalArgumentException("no " + components[i].getName() + " in " + type.getSimpleName());
            }
            values[i] = fromTree(map.get(components[i].getName()), components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build a " + type.getSimpleName() + ": " + e, e);
        }
    }
}
