// TODO(issue 2): the simulator.
return 0;
