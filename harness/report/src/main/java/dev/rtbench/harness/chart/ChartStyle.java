package dev.rtbench.harness.chart;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every chart: white, plain, readable when printed in grey. */
final class ChartStyle {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;

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
