package dev.dynamo.console.client;

import java.util.List;

record SiteList(List<Site> sites) {}
