package org.parkgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.parkgate.api.ApiJson;

/** A report as JSON through the console API's own mapper, so it travels over the wire unchanged. */
public final class ReportJson {
  private ReportJson() {}

  public static String write(Report report) {
    try {
      return ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write report " + report.kind().code(), e);
    }
  }

  public static Report read(String json) {
    try {
      return ApiJson.mapper().readValue(json, Report.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a report: " + e.getOriginalMessage(), e);
    }
  }
}
