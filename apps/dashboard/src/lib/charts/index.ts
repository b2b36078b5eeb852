// Every chart is a pure function: data, size, words and number formats in; an SVG string out.
// The same call renders on the server, in the browser and in the snapshot tests.
export { barChart, barChartHeight, type Bar, type BarChartOptions } from './bar-chart.js';
export { histogram, type Bin, type HistogramOptions } from './histogram.js';
export {
  eventStudyChart,
  type EventStudyChartOptions,
  type EventStudyPoint,
} from './event-study-chart.js';
export {
  intervalChart,
  intervalChartHeight,
  type Interval,
  type IntervalChartOptions,
} from './interval-chart.js';
export {
  lineChart,
  type LineBand,
  type LineChartOptions,
  type LinePoint,
  type LineSeries,
} from './line-chart.js';
export {
  lorenzCurve,
  lorenzCurveHeight,
  type LorenzCurveOptions,
  type LorenzPoint,
} from './lorenz-curve.js';
export { lorenzGap, widestLorenzGap, type LorenzGapOptions } from './lorenz-gap.js';
export {
  dumbbellChart,
  dumbbellChartHeight,
  type Dumbbell,
  type DumbbellChartOptions,
} from './dumbbell-chart.js';
export {
  CATEGORICAL,
  categorical,
  contrast,
  sequential,
  sequentialPublished,
  textOn,
} from './palette.js';
export { PROVINCE_TILES, type ProvinceTile } from './province-tiles.js';
export { scatterPlot, type ScatterPlotOptions, type ScatterPoint } from './scatter-plot.js';
export {
  stackedBarChart,
  stackedBarChartHeight,
  type StackedBar,
  type StackedBarChartOptions,
} from './stacked-bar-chart.js';
export { tileMap, tileMapHeight, type TileMapOptions, type TileValue } from './tile-map.js';
export { timeline, timelineHeight, type TimelineEvent, type TimelineOptions } from './timeline.js';
export { planTiles, planTilesHeight, type PlanTile, type PlanTilesOptions } from './plan-tiles.js';
