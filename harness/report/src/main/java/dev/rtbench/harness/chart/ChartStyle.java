package dev.rtbench.harness.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every chart: white, plain, readable when printed in grey. */
final class ChartStyle {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;

    /**
     * Okabe-Ito colours, readable with colour-blindness, for charts whose series are not runtimes (phases,
     * segments): runtimes keep their own colours ({@link RuntimePalette}), so these carry another meaning.
     */
    static final List<Color> OKABE_ITO = List.of(new Color(0x00, 0x72, 0xB2), new Color(0x56, 0xB4, 0xE9),
            new Color(0x00, 0x9E, 0x73), new Color(0xE6, 0x9F, 0x00), new Color(0xCC, 0x79, 0xA7),
            new Color(0xD5, 0x5E, 0x00), new Color(0xF0, 0xE4, 0x42), new Color(0x00, 0x00, 0x00));

    private ChartStyle() {}

    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        s.setPlotGridLinesColor(new Color(0xE3, 0xE3, 0xE3));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartPadding(12);
        s.setAntiAlias(true);
    }
}
