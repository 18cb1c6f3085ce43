package org.parkgate.simulator.fault;

import io.netty.channel.ChannelPipeline;

/**
 * Puts a device's fault handlers into its pipeline, one handler per fault. Outbound, a frame leaves
 * the encoder and meets them in the order a real link would hurt it: lost, damaged, held back,
 * noise in front of it, cut and packed into writes; a silent device sends none of it.
 */
public final class FaultHandlers {
  private FaultHandlers() {}

  /** Adds the byte-level handlers; call between the hex dump and the decoder. */
  public static void addWireFaults(
      ChannelPipeline pipeline, DeviceFaults faults, WireProfile profile) {
    pipeline
        .addLast("fault-silent", new SilentGate(faults))
        .addLast("fault-segments", new Segmenter(faults))
        .addLast("fault-noise", new NoiseBursts(faults, profile))
        .addLast("fault-late", new LateFrames(faults))
        .addLast("fault-check", new BadCheck(faults, profile))
        .addLast("fault-drop", new DropFrames(faults, DropFrames.Direction.SENT));
  }

  /**
   * For a device that sends nothing: only silence and lost frames apply. Call before the decoder.
   */
  public static void addSilentGate(ChannelPipeline pipeline, DeviceFaults faults) {
    pipeline.addLast("fault-silent", new SilentGate(faults));
  }

  /** Loses received frames; call after the decoder. */
  public static void addReceivedDrop(ChannelPipeline pipeline, DeviceFaults faults) {
    pipeline.addLast("fault-drop", new DropFrames(faults, DropFrames.Direction.RECEIVED));
  }
}
