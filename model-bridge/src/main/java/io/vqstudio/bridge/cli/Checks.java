package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.runtime.DeviceChoice;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The ranges of numeric options, checked while picocli parses the command line, so a bad value is a
 * usage error (exit code 2) naming the option before any engine starts: {@code converter =
 * Checks.PositiveFloat.class} on an option refuses NaN, infinities, zero and negatives with
 * "Invalid value for option '--lr': ...". Each converter applies to every element of a split list.
 * {@link #usage} covers the few checks that look at several values at once.
 */
final class Checks {

    /** Most samples or candidates one command draws at once (all of them are held in memory). */
    static final int MAX_SAMPLES = 256;

    private Checks() {}

    /** A usage error (exit code 2) of the command {@code spec}, for checks across several values. */
    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a number");
        }
    }

    private static long whole(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a whole number");
        }
    }

    /** s as a finite real in [min, max] ({@code open}: min itself excluded), or a conversion error saying what is expected. */
    private static double real(String s, double min, boolean open, double max, String expected) {
        double v = number(s);
        if (!Double.isFinite(v) || v < min || open && v == min || v > max) {
            throw new TypeConversionException(s.trim() + " is out of range: expected " + expected);
        }
        return v;
    }

    private static long integer(String s, long min, long max, String expected) {
        long v = whole(s);
        if (v < min || v > max) {
            throw new TypeConversionException(s.trim() + " is out of range: expected " + expected);
        }
        return v;
    }

    /** A finite float above 0 (learning rates, temperature). */
    static final class PositiveFloat implements ITypeConverter<Float> {
        @Override
        public Float convert(String s) {
            return (float) real(s, 0, true, Float.MAX_VALUE, "a finite number above 0");
        }
    }

    /** A finite float of 0 or more (loss weights, guidance scale). */
    static final class NonNegativeFloat implements ITypeConverter<Float> {
        @Override
        public Float convert(String s) {
            return (float) real(s, 0, false, Float.MAX_VALUE, "a finite number of 0 or more");
        }
    }

    /** A probability of dropping something: 0 to 1, both included. */
    static final class Probability implements ITypeConverter<Float> {
        @Override
        public Float convert(String s) {
            return (float) real(s, 0, false, 1, "a number from 0 to 1");
        }
    }

    /** A nucleus mass: above 0, at most 1. */
    static final class Mass implements ITypeConverter<Float> {
        @Override
        public Float convert(String s) {
            return (float) real(s, 0, true, 1, "a number above 0 and at most 1");
        }
    }

    /** A held-out fraction: 0 or more, below 1 (something must be left to train on). */
    static final class Fraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            double v = real(s, 0, false, 1, "a fraction from 0 up to (not including) 1");
            if (v == 1) {
                throw new TypeConversionException(s.trim() + " is out of range: expected a fraction from 0 up to (not including) 1");
            }
            return v;
        }
    }

    /** The share of a data set to evaluate: above 0, up to 1 (1: every image, as for a separate test set). */
    static final class EvalFraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            return real(s, 0, true, 1, "a fraction above 0 up to 1 (1: every image)");
        }
    }

    /** A finite double above 0 (minutes). */
    static final class PositiveDouble implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            return real(s, 0, true, Double.MAX_VALUE, "a finite number above 0");
        }
    }

    /** A count of 1 or more. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return (int) integer(s, 1, Integer.MAX_VALUE, "a whole number of 1 or more");
        }
    }

    /** A count or index of 0 or more. */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return (int) integer(s, 0, Integer.MAX_VALUE, "a whole number of 0 or more");
        }
    }

    /** A step count of 1 or more. */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String s) {
            return integer(s, 1, Long.MAX_VALUE, "a whole number of 1 or more");
        }
    }

    /** Samples or candidates: 1 to {@link #MAX_SAMPLES}. */
    static final class Samples implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return (int) integer(s, 1, MAX_SAMPLES, "1 to " + MAX_SAMPLES + " (run again with another --seed for more)");
        }
    }

    /** Threads: 1 to four per core; more only slows every step down. */
    static final class Threads implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            int cores = Runtime.getRuntime().availableProcessors();
            return (int) integer(s, 1, 4L * cores, "1 to " + 4 * cores + " (this machine has " + cores + " cores)");
        }
    }

    /** A codebook size that 16-bit token files can hold: 2 to 65536. */
    static final class CodebookSize implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return (int) integer(s, 2, 65536, "2 to 65536 codes");
        }
    }

    /** A prior kind, any case; the error lists the kinds. */
    static final class Kind implements ITypeConverter<String> {
        @Override
        public String convert(String s) {
            String names = Arrays.stream(PriorKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" or "));
            if (Arrays.stream(PriorKind.values()).noneMatch(k -> k.name().equalsIgnoreCase(s.trim()))) {
                throw new TypeConversionException("'" + s + "' is not a prior kind: expected " + names);
            }
            return s.trim().toLowerCase(Locale.ROOT);
        }
    }

    /** auto, cpu or gpu, any case. */
    static final class Device implements ITypeConverter<String> {
        @Override
        public String convert(String s) {
            try {
                DeviceChoice.parse(s);
                return s;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + s + "' is not a device: expected auto, cpu or gpu");
            }
        }
    }

    /**
     * Refuses {@code --intervals} values unless there is one per name in {@code names} (such as
     * LOG,EVAL,CKPT,EVAL_GRIDS) and all but the last, steps between events, are at least 1 (the last,
     * a count where 0 means all, is at least 0 by its converter).
     */
    static void intervals(CommandSpec spec, int[] values, String names) {
        if (values == null) {
            return;
        }
        int count = names.split(",").length;
        if (values.length != count) {
            throw usage(spec, "Invalid value for option '--intervals': expected " + count + " numbers, " + names
                    + ", got " + values.length);
        }
        for (int i = 0; i < count - 1; i++) {
            if (values[i] < 1) {
                throw usage(spec, "Invalid value for option '--intervals': " + names.split(",")[i] + " is " + values[i]
                        + ", out of range: steps between events must be 1 or more");
            }
        }
    }
}
