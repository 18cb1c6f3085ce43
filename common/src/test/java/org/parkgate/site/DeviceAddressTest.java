package org.parkgate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.config.ConfigException;

class DeviceAddressTest {
  @TempDir Path dir;

  private static String fault(String address) {
    return assertThrows(IllegalArgumentException.class, () -> DeviceAddress.parse(address))
        .getMessage();
  }

  @Test
  void aSerialAddressWithoutOptionsIs8N1At9600() {
    DeviceAddress.Serial a =
        (DeviceAddress.Serial) DeviceAddress.parse("serial:/dev/serial/by-id/usb-FTDI-if00");
    assertEquals("/dev/serial/by-id/usb-FTDI-if00", a.device());
    assertEquals(SerialSettings.DEFAULT, a.settings());
    assertEquals(
        new SerialSettings(9600, SerialSettings.Parity.NONE, 8, SerialSettings.StopBits.ONE),
        a.settings());
  }

  @Test
  void everySerialOptionIsRead() {
    DeviceAddress.Serial a =
        (DeviceAddress.Serial)
            DeviceAddress.parse("serial:/dev/ttyS1?baud=19200&parity=even&dataBits=7&stopBits=2");
    assertEquals(
        new SerialSettings(19200, SerialSettings.Parity.EVEN, 7, SerialSettings.StopBits.TWO),
        a.settings());
    assertEquals(new DeviceAddress.Local("bus-1"), DeviceAddress.parse("local:bus-1"));
  }

  @Test
  void badSerialOptionsAreNamedWithTheirFault() {
    assertEquals(
        "'serial:/dev/ttyUSB0?baud=9601': baud=9601 is not one of [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400]",
        fault("serial:/dev/ttyUSB0?baud=9601"));
    assertEquals(
        "'serial:/dev/ttyUSB0?baud=fast': baud=fast is not a number",
        fault("serial:/dev/ttyUSB0?baud=fast"));
    assertEquals(
        "'serial:/dev/ttyUSB0?parity=n': parity=n is not one of none, odd, even, mark, space",
        fault("serial:/dev/ttyUSB0?parity=n"));
    assertEquals(
        "'serial:/dev/ttyUSB0?dataBits=9': dataBits=9 is not 5-8",
        fault("serial:/dev/ttyUSB0?dataBits=9"));
    assertEquals(
        "'serial:/dev/ttyUSB0?stopBits=3': stopBits=3 is not 1, 1.5 or 2",
        fault("serial:/dev/ttyUSB0?stopBits=3"));
    assertEquals(
        "'serial:/dev/ttyUSB0?speed=9600': unknown option 'speed' (known: baud, parity, dataBits, stopBits)",
        fault("serial:/dev/ttyUSB0?speed=9600"));
    assertEquals(
        "'serial:/dev/ttyUSB0?baud=9600&baud=19200': option 'baud' is given twice",
        fault("serial:/dev/ttyUSB0?baud=9600&baud=19200"));
    assertEquals(
        "'serial:ttyUSB0': the serial device must be an absolute path, e.g. serial:/dev/ttyUSB0",
        fault("serial:ttyUSB0"));
    assertEquals(
        "'COM1' is neither tcp://host:port nor serial:/dev/... (nor local:name)", fault("COM1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DeviceAddress.Serial("/dev/ttyS0", Map.of("baud", "7")));
  }

  @Test
  void theInterFrameGapIsThreeAndAHalfCharactersUpTo19200Baud() {
    // 8N1 is 10 bits a character: at 9600 baud 1.0417 ms, so 3.5 characters are 3.646 ms.
    assertEquals(3_645_833, SerialSettings.DEFAULT.interFrameGapNanos());
    assertEquals(8_333_333, SerialSettings.DEFAULT.wireNanos(8));
    // 8E1 is 11 bits.
    assertEquals(11, SerialSettings.from(Map.of("parity", "even")).bitsPerCharacter());
    assertEquals(1_750_000, SerialSettings.from(Map.of("baud", "115200")).interFrameGapNanos());
  }

  private static final String SITE =
      "site: {id: s, zone: Asia/Shanghai, currency: CNY, tariff: t.yaml}\nlanes:\n";

  private static String lane(String id, String barrier, int unit, String reader, String display) {
    return "  - {id: "
        + id
        + ", kind: exit, barrier: {address: '"
        + barrier
        + "', unit: "
        + unit
        + "}, cardReader: {address: '"
        + reader
        + "'}, display: {address: '"
        + display
        + "'}}\n";
  }

  private String load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    try {
      SiteConfig site = SiteConfigLoader.load(file);
      return "loaded " + site.lanes().size() + " lanes";
    } catch (ConfigException e) {
      return e.getMessage().replace(file.toString(), "site.yaml");
    }
  }

  @Test
  void barrierModulesShareABusOnlyWithDistinctUnits() throws Exception {
    String bus = "serial:/dev/ttyUSB0?baud=9600";
    assertEquals(
        "loaded 3 lanes",
        load(
            SITE
                + lane("a", bus, 1, "tcp://h:1", "tcp://h:2")
                + lane("b", bus, 2, "tcp://h:3", "tcp://h:4")
                + lane("c", "tcp://s:4001", 2, "tcp://h:5", "tcp://h:6")));
    assertEquals(
        "site.yaml: lanes[2].barrier.unit: unit 2 on serial:/dev/ttyUSB0?baud=9600 is already lane b's barrier;"
            + " modules on one bus need distinct unit addresses",
        load(
            SITE
                + lane("a", bus, 1, "tcp://h:1", "tcp://h:2")
                + lane("b", bus, 2, "tcp://h:3", "tcp://h:4")
                + lane("c", bus, 2, "tcp://h:5", "tcp://h:6")));
    assertEquals(
        "site.yaml: lanes[1].barrier.address: serial:/dev/ttyUSB0?baud=19200 names the port of lane a's barrier"
            + " with other settings (serial:/dev/ttyUSB0?baud=9600): one bus has one baud rate and framing",
        load(
            SITE
                + lane("a", bus, 1, "tcp://h:1", "tcp://h:2")
                + lane("b", "serial:/dev/ttyUSB0?baud=19200", 2, "tcp://h:3", "tcp://h:4")));
  }

  @Test
  void aCardReaderOrDisplayHasAPortOfItsOwn() throws Exception {
    assertEquals(
        "site.yaml: lanes[0].display.address: tcp://h:1 is already lane a's card reader; a display needs a port of its own",
        load(SITE + lane("a", "tcp://h:9", 1, "tcp://h:1", "tcp://h:1")));
    assertEquals(
        "site.yaml: lanes[1].barrier.address: serial:/dev/ttyS0 is already lane a's card reader",
        load(
            SITE
                + lane("a", "tcp://h:9", 1, "serial:/dev/ttyS0", "tcp://h:2")
                + lane("b", "serial:/dev/ttyS0", 2, "tcp://h:3", "tcp://h:4")));
    assertEquals(
        "site.yaml: lanes[0].barrier.address: 'serial:/dev/ttyS0?parity=n': parity=n is not one of none, odd, even, mark, space",
        load(SITE + lane("a", "serial:/dev/ttyS0?parity=n", 1, "tcp://h:1", "tcp://h:2")));
  }
}
