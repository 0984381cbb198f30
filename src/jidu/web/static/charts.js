/* jidu trends charts (Apache ECharts, vendored): domain shares per quarter and a term over quarters. */
(function () {
  "use strict";
  var holder = document.getElementById("chart-data");
  if (!holder || typeof echarts === "undefined") { return; }
  var data = JSON.parse(holder.getAttribute("data-chart"));
  var palette = ["#b3261e", "#d9822b", "#2f6db3", "#2e8b57", "#7b4fa0", "#c2185b", "#00838f",
    "#8d6e63", "#5c6bc0", "#9e9d24", "#6d4c41", "#455a64", "#9e9e9e"];
  var font = { fontFamily: "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" };

  var domEl = document.getElementById("chart-domains");
  if (domEl && data.domains.quarters.length) {
    var chart = echarts.init(domEl, null, { renderer: "svg" });
    chart.setOption({
      color: palette, textStyle: font, animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return v + "%"; } },
      legend: { bottom: 0, itemGap: 8, itemWidth: 14 },
      grid: { left: 40, right: 16, top: 16, bottom: 84 },
      xAxis: { type: "category", data: data.domains.quarters },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: data.domains.domains.map(function (d) {
        return { name: d.label, type: "bar", stack: "share", barMaxWidth: 56, data: d.shares,
          emphasis: { focus: "series" } };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  var termEl = document.getElementById("chart-term");
  if (termEl && data.term.term) {
    var line = echarts.init(termEl, null, { renderer: "svg" });
    line.setOption({
      color: ["#b3261e"], textStyle: font, animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: "category", data: data.term.quarters, boundaryGap: false },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: data.term.term, type: "line", data: data.term.counts, symbolSize: 8,
        areaStyle: { opacity: 0.12 }, label: { show: true, position: "top" } }]
    });
    window.addEventListener("resize", function () { line.resize(); });
  }
}());
