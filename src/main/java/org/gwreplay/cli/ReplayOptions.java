package org.gwreplay.cli;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.gwreplay.source.RucioSourceOptions;

/**
 * The replay's command-line options. Beam reads them as {@code --gpsStart=...}; the launcher also
 * accepts the hyphenated spelling {@code --gps-start=...} shown in the help.
 */
public interface ReplayOptions extends PipelineOptions, RucioSourceOptions {

  @Description("A parameter file (YAML or JSON) naming a whole replay, e.g. pipelines/demo.yaml; options on the command line override it.")
  String getPipeline();

  void setPipeline(String value);

  @Description("Print what would be replayed (frames, gaps known from the catalog, data volume, wall time) and stop; nothing is written.")
  @Default.Boolean(false)
  Boolean getDryRun();

  void setDryRun(Boolean value);

  @Description("Continue an interrupted replay: each detector starts after the newest complete frame already in the output (the replay clock restarts there).")
  @Default.Boolean(false)
  Boolean getResume();

  void setResume(Boolean value);

  @Description("Detectors to replay, comma-separated, e.g. H1,L1,V1.")
  @Default.String("H1,L1,V1")
  String getDetectors();

  void setDetectors(String value);

  @Description("GPS start of the replay (seconds). Required unless --segments is given.")
  String getGpsStart();

  void setGpsStart(String value);

  @Description("GPS end of the replay (exclusive). Required unless --segments is given.")
  String getGpsEnd();

  void setGpsEnd(String value);

  @Description("Segment list file to replay instead of (or clipped to) --gps-start/--gps-end: 'start end' lines, segwizard 'index start end duration' lines, or JSON [[start, end], ...].")
  String getSegments();

  void setSegments(String value);

  @Description("Duration of each output frame file in seconds, independent of the source files' duration.")
  @Default.Long(1)
  Long getFrameDuration();

  void setFrameDuration(Long value);

  @Description("Replay speed: 1 = live pace, N = N times faster, max = as fast as possible (a batch job).")
  @Default.String("1")
  String getSpeed();

  void setSpeed(String value);

  @Description("Where frames come from: demo (built-in synthetic lake, no network), dir:PATH (a local directory of OBS-TAG-GPS-DUR.gwf files), rucio:SCOPE:NAME (a Rucio data lake).")
  @Default.String("demo")
  String getSource();

  void setSource(String value);

  @Description("Output directory (the shared volume). Files land in OUTPUT/<IFO>/. Or kafka://HOST:PORT/TOPIC to publish to Kafka as frame2kafka does, {IFO} in the topic for each detector's, e.g. kafka://broker:9092/{IFO}_llhoft.")
  String getOutput();

  void setOutput(String value);

  @Description("Status file (JSON) updated every 2 s while the replay runs; default OUTPUT.status.json beside the output directory; 'none' for no file.")
  String getStatusFile();

  void setStatusFile(String value);

  @Description("Sub-directory pattern under --output; {ifo} is the detector (H1), {site} its letter (H).")
  @Default.String("{ifo}")
  String getLayout();

  void setLayout(String value);

  @Description("Seconds of data kept in the output; older files are deleted as new ones arrive. 0 keeps all.")
  @Default.Long(300)
  Long getRetention();

  void setRetention(Long value);

  @Description("Seconds of data fetched and prepared ahead of the replay clock, to hide the lake's latency.")
  @Default.Long(30)
  Long getLookahead();

  void setLookahead(Long value);

  @Description("Extra delay in seconds (fractions allowed) added to every release, to mimic detector latency.")
  @Default.String("0")
  String getLatency();

  void setLatency(String value);

  @Description("Relabel the data with today's GPS time (frame times and file names move together), as in mock-data challenges.")
  @Default.Boolean(false)
  Boolean getShiftToNow();

  void setShiftToNow(Boolean value);

  @Description("GPS time that the replay clock shows at --anchor-wall. Default: the start of the first segment.")
  String getAnchorGps();

  void setAnchorGps(String value);

  @Description("Wall-clock time (ISO-8601, e.g. 2026-11-25T12:00:00Z) at which the clock shows --anchor-gps. Default: launch time plus --start-delay.")
  String getAnchorWall();

  void setAnchorWall(String value);

  @Description("The replay clock starts no sooner than this many seconds after launch, and only once every detector's first frame is ready. Default: 5 on the direct runner, 15 on Flink.")
  String getStartDelay();

  void setStartDelay(String value);

  @Description("Channels to keep, comma-separated patterns with * wildcards and {ifo}; default: the detector's own, {ifo}:*.")
  @Default.String("{ifo}:*")
  String getChannels();

  void setChannels(String value);

  @Description("Channel renames, comma-separated OLD=NEW pairs ({ifo} allowed), e.g. {ifo}:GDS-CALIB_STRAIN={ifo}:GDS-CALIB_STRAIN_CLEAN.")
  @Default.String("")
  String getRename();

  void setRename(String value);

  @Description("Tag of the output file names ({ifo} allowed), e.g. {ifo}_llhoft; default: the source files' tag.")
  @Default.String("")
  String getTag();

  void setTag(String value);

  @Description("Compression of the output frames' data vectors: raw, gzip, diff_gzip, zero_suppress_otherwise_gzip; default: as the detectors' low-latency frames.")
  @Default.String("")
  String getCompression();

  void setCompression(String value);

  @Description("Kafka client setting KEY=VALUE as Kafka spells it (acks=all, compression.type=lz4, security.protocol=SASL_SSL, ...), for --output=kafka://...; repeat the option for several. Values holding commas go in --kafka-config.")
  java.util.List<String> getKafkaProperty();

  void setKafkaProperty(java.util.List<String> value);

  @Description("A Kafka client properties file (as kafka-console-producer's --producer.config: TLS, SASL, JAAS); --kafka-property entries win over it.")
  String getKafkaConfig();

  void setKafkaConfig(String value);

  @Description("Bytes of frame file per Kafka message for --output=kafka://... (frame2kafka's --split-bytes).")
  @Default.Long(100000)
  Long getKafkaPartBytes();

  void setKafkaPartBytes(Long value);

  @Description("Serve a live page (/), Prometheus metrics (/metrics) and a health check (/health) while the replay runs, at [HOST:]PORT; the host defaults to 127.0.0.1 (loopback). Off by default.")
  String getMonitor();

  void setMonitor(String value);

  @Description("Seconds of data time a detector may fall behind the replay clock before --monitor's /health answers 503.")
  @Default.Long(30)
  Long getHealthMaxLag();

  void setHealthMaxLag(Long value);

  @Description("Science segment list (formats as --segments) from which state and DQ vectors are made for source frames that carry none ({ifo}:GDS-CALIB_STATE_VECTOR and {ifo}:DMT-DQ_VECTOR, V1:DQ_ANALYSIS_STATE_VECTOR, K1:DET-DQ_STATE_VECTOR; 16 Hz): observing inside the segments, not observing outside. Frames with their own vectors pass untouched.")
  String getSynthesizeState();

  void setSynthesizeState(String value);

  @Description("DQ vector meaning per detector, for synthesised and flagged vectors: IFO:ligo (flag bits set while good, 0 = veto, as DMT-DQ_VECTOR) or IFO:virgo (0 while good, non-zero = veto), e.g. H1:ligo,L1:virgo. Default ligo.")
  @Default.String("")
  String getDqStyle();

  void setDqStyle(String value);

  @Description("Time with no data in the source (detector off): gap = no files for it (default); flag = files keep coming, with zero strain and the state vector saying not observing and no h(t), as live h(t) does.")
  @Default.String("gap")
  String getOffTime();

  void setOffTime(String value);

  @Description("Let the run end with success however many frames are missing (catalog or storage failures, corrupt files). Without it the run fails (exit 1) when a detector delivers nothing, its first frames all fail, or more than --max-missing of its data is lost.")
  @Default.Boolean(false)
  Boolean getAllowGaps();

  void setAllowGaps(Boolean value);

  @Description("Share (0 to 1) of a detector's data time that may be lost for reasons other than 'no data in the source' before the run fails; default 0.1.")
  @Default.String("0.1")
  String getMaxMissing();

  void setMaxMissing(String value);

  @Description("Replay the segment list again and again: --loop (forever; the job is then unbounded and runs until stopped by a signal, e.g. Ctrl-C or SIGTERM) or --loop=N passes. GPS times keep increasing: pass k is the data shifted by k times the list's span in whole frames, with no gap or overlap at the seams; gaps in the list come back as gaps.")
  String getLoop();

  void setLoop(String value);

  @Description("Output layout and names of a consumer's stream: llhoft (OUTPUT/kafka/{ifo}/, tag {ifo}_llhoft, as gwcelery and PyCBC Live read in production) or o3replaymdc (OUTPUT/kafka/{ifo}_O3ReplayMDC/, tag {ifo}_O3ReplayMDC_llhoft). A preset also turns on --shift-to-now and makes --output default to /dev/shm; --layout, --tag, --shift-to-now and --output given explicitly win.")
  String getPreset();

  void setPreset(String value);
}
