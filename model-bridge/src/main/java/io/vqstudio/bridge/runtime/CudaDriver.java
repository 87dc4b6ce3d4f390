package io.vqstudio.bridge.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Names a GPU through the CUDA driver API ({@code libcuda.so.1} / {@code nvcuda.dll}, installed with
 * every NVIDIA driver). DJL reports the GPU count and memory but not the name, and libtorch's JNI
 * has no call for it. The driver's device ordinals honour {@code CUDA_VISIBLE_DEVICES} exactly as
 * libtorch's do, so ordinal 0 here is libtorch's {@code gpu(0)}.
 */
final class CudaDriver {

    private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

    /** The few driver entry points used; each returns a CUresult, 0 on success. */
    interface Api extends Library {
        int cuInit(int flags);

        int cuDeviceGet(int[] device, int ordinal);

        int cuDeviceGetName(byte[] name, int len, int device);

        int cuDeviceTotalMem_v2(long[] bytes, int device);

        int cuDeviceGetAttribute(int[] value, int attribute, int device);
    }

    private CudaDriver() {}

    /** The GPU at {@code ordinal}, or empty where there is no driver or the call fails. */
    static Optional<GpuDetails> probe(int ordinal) {
        Api api = load();
        if (api == null) {
            return Optional.empty();
        }
        try {
            int[] dev = new int[1];
            byte[] name = new byte[256];
            long[] bytes = new long[1];
            int[] major = new int[1];
            int[] minor = new int[1];
            if (api.cuInit(0) != 0 || api.cuDeviceGet(dev, ordinal) != 0
                    || api.cuDeviceGetName(name, name.length, dev[0]) != 0
                    || api.cuDeviceTotalMem_v2(bytes, dev[0]) != 0
                    || api.cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]) != 0
                    || api.cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]) != 0) {
                return Optional.empty();
            }
            return Optional.of(new GpuDetails(cString(name), bytes[0], major[0], minor[0]));
        } catch (UnsatisfiedLinkError e) { // a driver too old to export one of the calls
            return Optional.empty();
        }
    }

    private static Api load() {
        if (Platform.isMac()) {
            return null;
        }
        // Distributions ship libcuda.so.1; the unversioned name exists only with development files.
        for (String lib : Platform.isWindows() ? List.of("nvcuda") : List.of("cuda", "libcuda.so.1")) {
            try {
                return Native.load(lib, Api.class);
            } catch (UnsatisfiedLinkError e) {
                // try the next name
            }
        }
        return null;
    }

    static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).trim();
    }
}
