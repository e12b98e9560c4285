import { Logger } from '@nestjs/common';

// Classes used outside a Nest app in tests (the queue) log through Nest's static
// logger; keep test output to what the tests themselves report.
Logger.overrideLogger(false);
