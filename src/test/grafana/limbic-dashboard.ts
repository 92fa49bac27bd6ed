/**
 * The type a Limbic dashboard file must satisfy: Grafana's published dashboard model (@grafana/schema),
 * with each panel's options and field config narrowed to the model of its panel plugin and every query
 * a Prometheus query. JSON carries enum values as plain strings, so the model's enums are accepted as
 * their string (or number) values.
 */
import type { Dashboard, Panel, RowPanel, FieldConfigSource, DataQuery, DataSourceRef } from '@grafana/schema';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as BarGauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as StateTimeline from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';

/** `T` as it appears in JSON: string enums become their string values, recursively. */
type Wire<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Wire<U>>
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** A Prometheus query as Grafana's Prometheus datasource stores it. */
interface PrometheusQuery extends Omit<DataQuery, 'datasource'> {
  datasource: DataSourceRef;
  expr: string;
  legendFormat?: string;
  editorMode?: 'code' | 'builder';
  range?: boolean;
  instant?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  interval?: string;
}

/** A panel of plugin `Type` whose options and custom field config follow that plugin's model. */
type PluginPanel<Type extends string, Options, Custom> = Omit<Panel, 'type' | 'options' | 'fieldConfig' | 'targets'> & {
  type: Type;
  options: Options;
  fieldConfig: FieldConfigSource<Custom>;
  targets: PrometheusQuery[];
  description: string;
  datasource: DataSourceRef;
};

type LimbicPanel =
  | PluginPanel<'timeseries', TimeSeries.Options, TimeSeries.FieldConfig>
  | PluginPanel<'stat', Stat.Options, Record<string, never>>
  | PluginPanel<'bargauge', BarGauge.Options, Record<string, never>>
  | PluginPanel<'state-timeline', StateTimeline.Options, StateTimeline.FieldConfig>
  | RowPanel;

/** A Limbic dashboard: fixed uid, a title, and only the panel kinds above. */
export type LimbicDashboard = Wire<Omit<Dashboard, 'panels' | 'uid' | 'title'> & {
  uid: string;
  title: string;
  panels: LimbicPanel[];
}>;
