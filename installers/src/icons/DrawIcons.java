import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the console and engine icons (a lightning bolt on a rounded tile) and writes them as PNG for Linux,
 * ICO for Windows and ICNS for macOS. Run once when the design changes; the outputs are committed:
 * {@code java -Djava.awt.headless=true installers/src/icons/DrawIcons.java resources/icons}
 */
public final class DrawIcons {
    public static void main(String[] args) throws IOException {
        var dir = Path.of(args.length > 0 ? args[0] : "resources/icons");
        Files.createDirectories(dir);
        write(dir, "dynamo-console", new Color(0x1565C0), new Color(0x0D47A1), false);
        write(dir, "dynamo-engine", new Color(0x37474F), new Color(0x263238), true);
    }

    private static void write(Path dir, String name, Color top, Color bottom, boolean ring) throws IOException {
        byte[] png256 = png(draw(256, top, bottom, ring));
        Files.write(dir.resolve(name + ".png"), png256);
        Files.write(dir.resolve(name + ".ico"), ico(new int[] {16, 32, 48, 256}, top, bottom, ring));
        Files.write(dir.resolve(name + ".icns"), icns(png(draw(512, top, bottom, ring)), png256, png(draw(32, top, bottom, ring))));
    }

    private static BufferedImage draw(int size, Color top, Color bottom, boolean ring) {
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size / 256.0;
        g.setPaint(new GradientPaint(0, 0, top, 0, size, bottom));
        g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));
        if (ring) { // the engine: a ring around the bolt, a machine that keeps turning
            g.setColor(new Color(0x80CBC4));
            g.setStroke(new BasicStroke((float) (14 * s)));
            g.drawOval((int) (40 * s), (int) (40 * s), (int) (176 * s), (int) (176 * s));
        }
        var bolt = new Path2D.Double();
        bolt.moveTo(146 * s, 30 * s);
        bolt.lineTo(70 * s, 142 * s);
        bolt.lineTo(120 * s, 142 * s);
        bolt.lineTo(104 * s, 226 * s);
        bolt.lineTo(186 * s, 108 * s);
        bolt.lineTo(134 * s, 108 * s);
        bolt.closePath();
        g.setColor(new Color(0xFFC107));
        g.fill(bolt);
        g.dispose();
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG-compressed entries (read by Windows Vista and later). */
    private static byte[] ico(int[] sizes, Color top, Color bottom, boolean ring) throws IOException {
        var images = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) images[i] = png(draw(sizes[i], top, bottom, ring));
        int offset = 6 + 16 * sizes.length;
        var header = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            header.put((byte) (sizes[i] % 256)).put((byte) (sizes[i] % 256)).put((byte) 0).put((byte) 0);
            header.putShort((short) 1).putShort((short) 32).putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        var out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] image : images) out.write(image);
        return out.toByteArray();
    }

    /** ICNS with PNG entries: ic09 512, ic08 256, ic05 32 (big-endian lengths include the 8-byte headers). */
    private static byte[] icns(byte[] png512, byte[] png256, byte[] png32) throws IOException {
        var body = new ByteArrayOutputStream();
        var data = new DataOutputStream(body);
        for (var entry : new Object[][] {{"ic09", png512}, {"ic08", png256}, {"ic11", png32}}) {
            var bytes = (byte[]) entry[1];
            data.writeBytes((String) entry[0]);
            data.writeInt(bytes.length + 8);
            data.write(bytes);
        }
        var out = new ByteArrayOutputStream();
        var header = new DataOutputStream(out);
        header.writeBytes("icns");
        header.writeInt(body.size() + 8);
        header.write(body.toByteArray());
        return out.toByteArray();
    }
}
