package org.gwreplay.cli;

/** Lets tests of other packages read a failure as the command prints it. */
public final class MainAccess {

  private MainAccess() {}

  public static String rootMessage(Throwable e) {
    return Main.rootMessage(e);
  }
}
