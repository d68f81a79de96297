//! API tests: the real `sembrar` binary over HTTP, one fresh server and database per test.

mod health;
