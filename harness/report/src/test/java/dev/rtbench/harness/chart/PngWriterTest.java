package dev.rtbench.harness.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngWriterTest {

    @Test
    void whatIsReadBackIsWhatWasDrawn() throws Exception {
        // antialiased shapes and text (the charts' content) and noise (every residual, both filters' worst case)
        BufferedImage img = new BufferedImage(301, 157, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 301, 157);
        g.setColor(new Color(0x1f, 0x77, 0xb4));
        g.fillOval(20, 10, 120, 90);
        g.setColor(Color.BLACK);
        g.drawString("runsc 1.52x runc [1.41, 1.60]", 10, 120);
        g.dispose();
        Random random = new Random(7);
        for (int y = 130; y < 157; y++) {
            for (int x = 0; x < 301; x++) {
                img.setRGB(x, y, random.nextInt());
            }
        }
        var out = new ByteArrayOutputStream();
        PngWriter.write(img, out);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(301, back.getWidth());
        assertEquals(157, back.getHeight());
        for (int y = 0; y < 157; y++) {
            for (int x = 0; x < 301; x++) {
                assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void onlyTheChartsCanvasTypeIsTaken() {
        var argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        assertThrows(IllegalArgumentException.class, () -> PngWriter.write(argb, new ByteArrayOutputStream()));
    }
}
