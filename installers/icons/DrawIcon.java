import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws VQ Studio's icon and writes it in the three formats jpackage takes: PNG (Linux), ICO
 * (Windows) and ICNS (macOS). The picture is the app's idea: an image as a grid of codebook
 * entries, one cell picked out for resampling. Run from the repository root:
 * {@code java installers/icons/DrawIcon.java installers/icons}
 */
public class DrawIcon {

    // A tiny "codebook": the colours a 4x4 token grid of a sunset over hills would quantize to.
    private static final int[][] GRID = {
        {0, 0, 1, 1},
        {1, 2, 2, 1},
        {3, 4, 4, 3},
        {5, 5, 6, 5},
    };
    private static final Color[] CODEBOOK = {
        new Color(0x3b4cc0), new Color(0x6a5acd), new Color(0xf4a259), new Color(0xe76f51),
        new Color(0xffd166), new Color(0x2a9d8f), new Color(0x52b788),
    };

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        ImageIO.write(draw(256), "png", dir.resolve("vqstudio.png").toFile());
        Files.write(dir.resolve("vqstudio.ico"), ico(16, 24, 32, 48, 64, 128, 256));
        Files.write(dir.resolve("vqstudio.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double s = size / 256.0;
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f2a44), 0, size, new Color(0x0d1321)));
        g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));
        double cell = 48 * s;
        double gap = 6 * s;
        double x0 = (size - (4 * cell + 3 * gap)) / 2;
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                g.setColor(CODEBOOK[GRID[r][c]]);
                g.fill(new RoundRectangle2D.Double(x0 + c * (cell + gap), x0 + r * (cell + gap), cell, cell,
                        10 * s, 10 * s));
            }
        }
        // The cell picked out for resampling.
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) Math.max(1, 5 * s)));
        g.draw(new RoundRectangle2D.Double(x0 + 2 * (cell + gap) - 3 * s, x0 + (cell + gap) - 3 * s,
                cell + 6 * s, cell + 6 * s, 12 * s, 12 * s));
        g.dispose();
        return img;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG-compressed entries (Windows Vista and later). */
    static byte[] ico(int... sizes) throws IOException {
        byte[][] pngs = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            pngs[i] = png(sizes[i]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeShort(Short.reverseBytes((short) 1)); // type: icon
        out.writeShort(Short.reverseBytes((short) sizes.length));
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            out.writeByte(sizes[i] >= 256 ? 0 : sizes[i]); // 0 means 256
            out.writeByte(sizes[i] >= 256 ? 0 : sizes[i]);
            out.writeByte(0); // no palette
            out.writeByte(0);
            out.writeShort(Short.reverseBytes((short) 1)); // colour planes
            out.writeShort(Short.reverseBytes((short) 32)); // bits per pixel
            out.writeInt(Integer.reverseBytes(pngs[i].length));
            out.writeInt(Integer.reverseBytes(offset));
            offset += pngs[i].length;
        }
        for (byte[] p : pngs) {
            out.write(p);
        }
        return bytes.toByteArray();
    }

    /** ICNS with PNG entries: ic07 (128), ic08 (256), ic09 (512), ic10 (1024, the 512@2x). */
    static byte[] icns() throws IOException {
        String[] types = {"ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {128, 256, 512, 1024};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(sizes[i]);
            b.writeBytes(types[i]);
            b.writeInt(8 + p.length);
            b.write(p);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(all);
        out.writeBytes("icns");
        out.writeInt(8 + body.size());
        out.write(body.toByteArray());
        return all.toByteArray();
    }
}
